using System;
using System.Collections.Generic;
using YbMigrate.Linter.Catalog;
using YbMigrate.Linter.Engine;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Syntax;

/// <summary>
/// Tree and catalog readings shared by the performance rules (YB4xxx) and the schema catalog:
/// sequence-generated columns, range-sharded index keys, and the key constraints of a statement.
/// </summary>
internal static class PerformanceNodes
{
    private static readonly HashSet<string> SerialTypes = new() { "serial", "bigserial", "smallserial", "serial2", "serial4", "serial8" };

    /// <summary>True for serial, bigserial and smallserial (which PostgreSQL expands into an integer column with a sequence default).</summary>
    public static bool IsSerial(TypeRef type) => !type.IsArray && type.Schema is null or "pg_catalog" && SerialTypes.Contains(type.Name);

    /// <summary>True when a ColumnDef's values come from a sequence: serial type, identity, or DEFAULT nextval(..).</summary>
    public static bool IsSequenceGenerated(ParseElement columnDef) => IsSequenceGenerated(columnDef, TypeRef.From(columnDef.Field("typeName")));

    /// <summary>The same for a ColumnDef whose type was already read.</summary>
    public static bool IsSequenceGenerated(ParseElement columnDef, TypeRef type)
    {
        if (IsSerial(type))
        {
            return true;
        }

        foreach (var item in columnDef.Items("constraints"))
        {
            if (item.Is("Constraint", out var constraint)
                && (constraint.Str("contype") == "CONSTR_IDENTITY"
                    || (constraint.Str("contype") == "CONSTR_DEFAULT" && IsNextvalCall(constraint.Field("raw_expr")))))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True for an expression <c>nextval(..)</c>, possibly cast (<c>nextval('s')::bigint</c>).</summary>
    public static bool IsNextvalCall(ParseElement expression)
    {
        while (expression.Is("TypeCast", out var cast))
        {
            expression = cast.Field("arg");
        }

        if (!expression.Is("FuncCall", out var call))
        {
            return false;
        }

        var name = call.Names("funcname");
        return name.Count > 0 && name[name.Count - 1] == "nextval";
    }

    /// <summary>True when an IndexStmt's first key is ASC or DESC: YugabyteDB then range-shards the index instead of hashing it.</summary>
    public static bool IsRangeSharded(ParseElement indexStmt) =>
        indexStmt.FirstItem("indexParams").Is("IndexElem", out var first)
        && first.Str("ordering") is "SORTBY_ASC" or "SORTBY_DESC";

    /// <summary>
    /// True when the node is a top-level statement, whose indexes, key constraints and foreign keys the
    /// catalog records (<see cref="SchemaCatalog.Declarations"/>): a catalog action checks them, while
    /// those of a statement nested in another (CREATE SCHEMA .. CREATE INDEX) or embedded in a routine
    /// body are not in the catalog and are deferred one by one.
    /// </summary>
    public static bool IsInCatalog(NodeContext context) => context.IsStatement && context.Statement.Embedded is null;

    /// <summary>
    /// True when the Constraint node is one the catalog records (<see cref="IsInCatalog"/>): a constraint of a
    /// top-level CREATE TABLE (on a column or the table), or of ALTER TABLE .. ADD CONSTRAINT / ADD COLUMN.
    /// </summary>
    public static bool IsConstraintInCatalog(NodeContext context)
    {
        var ancestors = context.Ancestors;
        if (context.Statement.Embedded is not null)
        {
            return false;
        }

        return ancestors.Count switch
        {
            1 => ancestors[0].Kind == "CreateStmt",
            2 => ancestors[0].Kind == "CreateStmt" ? ancestors[1].Kind == "ColumnDef" : IsAlterTableCommand(ancestors, "AT_AddConstraint"),
            3 => IsAlterTableCommand(ancestors, "AT_AddColumn") && ancestors[2].Kind == "ColumnDef",
            _ => false,
        };
    }

    private static bool IsAlterTableCommand(IReadOnlyList<TreeNode> ancestors, string subtype) =>
        ancestors[0].Kind == "AlterTableStmt" && ancestors[1].Kind == "AlterTableCmd" && ancestors[1].Node.Str("subtype") == subtype;

    /// <summary>
    /// The PRIMARY KEY, UNIQUE and FOREIGN KEY constraints declared by a CreateStmt or AlterTableStmt
    /// (column and table constraints, and those of ALTER TABLE .. ADD COLUMN). Read once per
    /// statement and shared by the rules that ask.
    /// </summary>
    public static IReadOnlyList<ConstraintSite> KeyConstraints(NodeContext context) => context.Shared(ReadKeys);

    private static readonly Func<NodeContext, IReadOnlyList<ConstraintSite>> ReadKeys = ReadKeyConstraints;

    private static IReadOnlyList<ConstraintSite> ReadKeyConstraints(NodeContext context)
    {
        var sites = new List<ConstraintSite>();
        var table = QualifiedName.FromRangeVar(context.Node.Field("relation"));
        if (context.Kind == "CreateStmt")
        {
            foreach (var element in context.Node.Items("tableElts"))
            {
                AddKeyConstraints(sites, context.Statement, table, element);
            }
        }
        else
        {
            foreach (var item in context.Node.Items("cmds"))
            {
                var command = item.Field("AlterTableCmd");
                if (command.Str("subtype") is "AT_AddColumn" or "AT_AddConstraint")
                {
                    AddKeyConstraints(sites, context.Statement, table, command.Field("def"));
                }
            }
        }

        return sites;
    }

    /// <summary>
    /// The span from the first to the last of <paramref name="columns"/> in the first parenthesized list
    /// at or after <paramref name="fromSourceOffset"/>; the token there when the names are not found.
    /// </summary>
    public static TextSpan ColumnListSpan(StatementContext statement, IReadOnlyList<string> columns, int fromSourceOffset)
    {
        var start = statement.TokenIndexAt(fromSourceOffset);
        var fallback = start >= 0 ? statement.Tokens[start].Span : statement.TokenSpanAt(-1);
        var paren = statement.FindToken(TokenKind.ASCII_40, start);
        if (columns.Count == 0 || paren < 0)
        {
            return fallback;
        }

        var first = statement.FindIdentifier(columns[0], statement.Tokens[paren].Span.Start);
        var last = first < 0 ? -1 : statement.FindIdentifier(columns[columns.Count - 1], statement.Tokens[first].Span.Start);
        return last < 0 ? fallback : statement.SpanOfTokens(first, last);
    }

    /// <summary>The span of a RangeVar's name as written, schema included (<c>app.orders</c>).</summary>
    public static TextSpan RelationSpan(StatementContext statement, ParseElement rangeVar) =>
        RelationSpan(statement, QualifiedName.FromRangeVar(rangeVar), rangeVar.Location());

    /// <summary>The span of a (possibly qualified) relation name written at a parse-tree location.</summary>
    public static TextSpan RelationSpan(StatementContext statement, QualifiedName relation, int location)
    {
        var start = statement.ToSourceOffset(location);
        var first = statement.TokenIndexAt(start);
        var name = first < 0 ? -1 : statement.FindIdentifier(relation.Name, statement.Tokens[first].Span.Start);
        return name < 0 ? statement.TokenSpanAt(location) : statement.SpanOfTokens(first, name);
    }

    private static void AddKeyConstraints(List<ConstraintSite> sites, StatementContext statement, QualifiedName table, ParseElement element)
    {
        if (element.Is("ColumnDef", out var column))
        {
            string[]? columns = null;
            foreach (var item in column.Items("constraints"))
            {
                if (item.Is("Constraint", out var constraint) && IsKey(constraint))
                {
                    columns ??= new[] { column.Str("colname") ?? string.Empty };
                    sites.Add(new ConstraintSite(constraint, table, columns, statement, column.Location(), isColumnConstraint: true));
                }
            }
        }
        else if (element.Is("Constraint", out var constraint) && IsKey(constraint))
        {
            var columns = constraint.Str("contype") == "CONSTR_FOREIGN" ? constraint.Names("fk_attrs") : constraint.Names("keys");
            sites.Add(new ConstraintSite(constraint, table, columns, statement, constraint.Location(), isColumnConstraint: false));
        }
    }

    private static bool IsKey(ParseElement constraint) => constraint.Str("contype") is "CONSTR_PRIMARY" or "CONSTR_UNIQUE" or "CONSTR_FOREIGN";

    /// <summary>A key constraint as plain values, safe to keep until the catalog checks run.</summary>
    internal sealed class ConstraintSite
    {
        [ThreadStatic]
        private static object? _lastEntry;
        [ThreadStatic]
        private static ConstraintSite? _lastSite;

        private readonly StatementContext _statement;
        private readonly int _location;
        private readonly bool _isColumnConstraint;
        private TextSpan? _span;

        internal ConstraintSite(ParseElement constraint, QualifiedName table, IReadOnlyList<string> columns, StatementContext statement, int location, bool isColumnConstraint)
            : this(constraint.Str("contype") ?? string.Empty, constraint.Str("conname"), table, columns, statement, location, isColumnConstraint)
        {
            if (Kind == "CONSTR_FOREIGN")
            {
                ReferencedTable = QualifiedName.FromRangeVar(constraint.Field("pktable"));
                ReferencedColumns = constraint.Names("pk_attrs");
            }
        }

        private ConstraintSite(string kind, string? name, QualifiedName table, IReadOnlyList<string> columns, StatementContext statement, int location, bool isColumnConstraint)
        {
            Kind = kind;
            Name = name;
            Table = table;
            Columns = columns;
            _statement = statement;
            _location = location;
            _isColumnConstraint = isColumnConstraint;
        }

        /// <summary>CONSTR_PRIMARY, CONSTR_UNIQUE or CONSTR_FOREIGN.</summary>
        public string Kind { get; }

        /// <summary>True for a foreign key.</summary>
        public bool IsForeignKey => Kind == "CONSTR_FOREIGN";

        /// <summary>The constraint name, when given.</summary>
        public string? Name { get; }

        /// <summary>The table the constraint is on.</summary>
        public QualifiedName Table { get; }

        /// <summary>Key columns (for a foreign key: the referencing columns).</summary>
        public IReadOnlyList<string> Columns { get; }

        /// <summary>For a foreign key: the referenced table.</summary>
        public QualifiedName? ReferencedTable { get; private set; }

        /// <summary>For a foreign key: the referenced columns (empty: the referenced primary key).</summary>
        public IReadOnlyList<string> ReferencedColumns { get; private set; } = System.Array.Empty<string>();

        /// <summary>The catalog's unique constraint as the statement that declared it wrote it.</summary>
        public static ConstraintSite Declared(IndexInfo unique) =>
            LastDeclared(unique) ?? Remember(unique, new("CONSTR_UNIQUE", unique.Name, unique.Declared.Table, unique.Columns!, unique.Declared.Statement, unique.Declared.KeyLocation, unique.Declared.IsColumnConstraint));

        /// <summary>The catalog's foreign key as the statement that declared it wrote it.</summary>
        public static ConstraintSite Declared(ForeignKeyInfo key) =>
            LastDeclared(key) ?? Remember(key, new("CONSTR_FOREIGN", key.Name, key.Declared.Table, key.Columns, key.Declared.Statement, key.Declared.KeyLocation, key.Declared.IsColumnConstraint)
            {
                ReferencedTable = key.ReferencedTable,
                ReferencedColumns = key.ReferencedColumns,
            });

        // The catalog actions check a statement's entries rule after rule on one thread: the site last made for an entry
        // on this thread is handed out again, with its span once located, instead of being made and located for each rule.
        private static ConstraintSite? LastDeclared(object entry) => ReferenceEquals(_lastEntry, entry) ? _lastSite : null;

        /// <summary>Drops the site last made on this thread (it holds its statement): called once a statement's entries are checked.</summary>
        internal static void ForgetLast() => (_lastEntry, _lastSite) = (null, null);

        private static ConstraintSite Remember(object entry, ConstraintSite site)
        {
            (_lastEntry, _lastSite) = (entry, site);
            return site;
        }

        /// <summary>
        /// The key columns in the source (the column name for a column constraint), located when
        /// first asked: scanning every key's statement would cost more than all the checks.
        /// </summary>
        public TextSpan Span => _span ??= _isColumnConstraint
            ? _statement.TokenSpanAt(_location)
            : ColumnListSpan(_statement, Columns, _statement.ToSourceOffset(_location));
    }
}
