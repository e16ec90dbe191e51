using System;
using System.Collections.Generic;
using System.Linq;
using YbMigrate.Linter.Catalog;
using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Rules;

/// <summary>YB2003: a primary key, unique constraint or non-GIN index on a column whose type YugabyteDB cannot index.</summary>
public sealed class KeyOnUnindexableTypeRule : SqlRule
{
    private static readonly HashSet<string> UnindexableTypes = new()
    {
        "citext", "tsvector", "tsquery", "jsonb", "json", "inet", "cidr", "macaddr", "macaddr8", "bit", "varbit",
        "daterange", "tsrange", "tstzrange", "numrange", "int4range", "int8range", "interval", "circle", "box",
        "line", "lseg", "point", "path", "polygon", "pg_lsn", "txid_snapshot",
    };

    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB2003",
        "Key or index on a type YugabyteDB cannot index",
        Severity.Error,
        RuleCategory.UnsupportedDatatype,
        Availability.Never,
        "{0} on column \"{1}\" of type {2} is not supported by YugabyteDB: index a derived column of a comparable type instead (e.g. a text or hash of the value), or use a GIN index",
        new RuleDocs(
            "A PRIMARY KEY, a UNIQUE constraint or a non-GIN index whose key includes a column of type citext, tsvector, tsquery, json, jsonb, inet, cidr, macaddr, macaddr8, bit, varbit, a range type, interval, a geometric type, pg_lsn, txid_snapshot, an array, or a user-defined type (enum, composite, range, or a domain over one of these). The column's type is resolved from the whole schema, so the column may be declared in another statement or file.",
            "YugabyteDB's lsm indexes need a key encoding for the column type, which these types do not have: the DDL fails on YugabyteDB although it works on PostgreSQL.",
            "Key the table on a column of a supported type (e.g. a surrogate bigint or uuid), index an expression of a supported type (`(payload->>'sku')`, `(tags::text)`), or use a GIN index where the type supports it.",
            "CREATE TABLE docs (body jsonb PRIMARY KEY);\nCREATE INDEX ON hosts (address);  -- address inet",
            "CREATE TABLE docs (id bigint PRIMARY KEY, body jsonb);\nCREATE INDEX ON hosts ((host(address)));"));

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration)
    {
        registration.RegisterNodeAction(CreateTable, "CreateStmt");
        registration.RegisterNodeAction(AlterTable, "AlterTableStmt");
        registration.RegisterNodeAction(CreateIndex, "IndexStmt");
        registration.RegisterCatalogAction(CheckDeclared);
    }

    private static void CreateTable(NodeContext context)
    {
        if (PerformanceNodes.IsInCatalog(context))
        {
            return; // a top-level statement's keys are checked by CheckDeclared
        }

        var table = QualifiedName.FromRangeVar(context.Node.Field("relation"));
        foreach (var element in context.Node.Items("tableElts"))
        {
            if (element.Is("ColumnDef", out var column))
            {
                foreach (var item in column.Items("constraints"))
                {
                    if (item.Is("Constraint", out var constraint) && IsKey(constraint))
                    {
                        var name = column.Str("colname") ?? string.Empty;
                        CheckKeys(context, table, Kind(constraint), new[] { name }, column.Location(), isColumnConstraint: true);
                    }
                }
            }
            else if (element.Is("Constraint", out var constraint) && IsKey(constraint))
            {
                CheckConstraint(context, table, constraint);
            }
        }
    }

    private static void AlterTable(NodeContext context)
    {
        if (PerformanceNodes.IsInCatalog(context))
        {
            return; // checked by CheckDeclared
        }

        var table = QualifiedName.FromRangeVar(context.Node.Field("relation"));
        foreach (var item in context.Node.Items("cmds"))
        {
            if (item.Is("AlterTableCmd", out var command) && command.Field("def").Is("Constraint", out var constraint) && IsKey(constraint))
            {
                CheckConstraint(context, table, constraint);
            }
        }
    }

    private static void CreateIndex(NodeContext context)
    {
        if (IsGin(context.Node.Str("accessMethod")) || PerformanceNodes.IsInCatalog(context))
        {
            return; // a top-level statement's index is checked by CheckDeclared
        }

        var table = QualifiedName.FromRangeVar(context.Node.Field("relation"));
        var afterTable = context.Statement.ToSourceOffset(context.Node.Field("relation").Location()) + 1;
        var keys = new List<string>(context.Node.Field("indexParams").GetArrayLength());
        foreach (var param in context.Node.Items("indexParams"))
        {
            if (param.Is("IndexElem", out var elem) && elem.Str("name") is { } name)
            {
                keys.Add(name);
            }
        }

        CheckKeys(context, table, context.Node.Bool("unique") ? "Unique index" : "Index", keys, afterTable, isColumnConstraint: false);
    }

    private static void CheckConstraint(NodeContext context, QualifiedName table, ParseElement constraint) =>
        CheckKeys(context, table, Kind(constraint), constraint.Names("keys"), context.Statement.ToSourceOffset(constraint.Location()), isColumnConstraint: false);

    // Spans are found only for the keys reported: locating every key column in the tokens is the costly part. A column
    // constraint's span is its column's token (at the parse location `at`); a key list's, each column's name from source offset `at` on.
    private static void CheckKeys(NodeContext context, QualifiedName table, string what, IReadOnlyList<string> keys, int at, bool isColumnConstraint) =>
        context.AfterCatalog((table, what, keys, at, isColumnConstraint), CheckKeyTypes);

    // The catalog's keys and non-GIN indexes as the statements above would have deferred them: not the
    // column constraints of ALTER TABLE .. ADD COLUMN, which AlterTable does not read.
    private static void CheckDeclared(CatalogContext check)
    {
        foreach (var (declared, index, _) in check.Declarations)
        {
            if (index is { IsConstraint: false } && !IsGin(index.Method))
            {
                check.CheckDeclared(declared.Statement, index, static (check, index) =>
                    CheckKeyTypes(check, (index.Declared.Table, index.Unique ? "Unique index" : "Index", index.NamedColumns(), check.Statement.ToSourceOffset(index.Declared.Location) + 1, false)));
            }
            else if (index is { IsConstraint: true } && !(declared.IsColumnConstraint && declared.ByAlterTable))
            {
                check.CheckDeclared(declared.Statement, index, static (check, key) =>
                {
                    var at = key.Declared.IsColumnConstraint ? key.Declared.ColumnLocation : check.Statement.ToSourceOffset(key.Declared.Location);
                    CheckKeyTypes(check, (key.Declared.Table, key.IsPrimaryKey ? "Primary key" : "Unique constraint", key.Columns, at, key.Declared.IsColumnConstraint)!);
                });
            }
        }
    }

    private static void CheckKeyTypes(CatalogContext check, (QualifiedName Table, string What, IReadOnlyList<string> Keys, int At, bool IsColumnConstraint) key)
    {
        for (var i = 0; i < key.Keys.Count; i++) // by index: a foreach over the interface allocates an enumerator, for every key
        {
            var name = key.Keys[i];
            var type = check.Catalog.ColumnType(key.Table, name);
            if (type is not null && IsUnindexable(type, check.Catalog))
            {
                var span = key.IsColumnConstraint ? check.Statement.TokenSpanAt(key.At) : KeySpan(check.Statement, name, key.At);
                check.Report(span, key.What, name, type);
            }
        }
    }

    private static bool IsGin(string? method) => method is "gin" or "ybgin";

    private static bool IsUnindexable(TypeRef type, SchemaCatalog catalog)
    {
        // A domain is as indexable as the type it stands for.
        var resolved = catalog.ResolveDomains(type);
        if (type.IsArray || resolved.IsArray || UnindexableTypes.Contains(resolved.Name))
        {
            return true;
        }

        return catalog.FindType(resolved) is { Kind: not UserTypeKind.Domain };
    }

    private static TextSpan KeySpan(StatementContext statement, string column, int from)
    {
        var index = statement.FindIdentifier(column, from);
        return index >= 0 ? statement.Tokens[index].Span : statement.TokenSpanAt(-1);
    }

    private static bool IsKey(ParseElement constraint) => constraint.Str("contype") is "CONSTR_PRIMARY" or "CONSTR_UNIQUE";

    private static string Kind(ParseElement constraint) => constraint.Str("contype") == "CONSTR_PRIMARY" ? "Primary key" : "Unique constraint";
}
