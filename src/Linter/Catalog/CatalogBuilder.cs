using System.Collections.Generic;
using System.Linq;
using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Catalog;

/// <summary>Feeds the schema catalog from each top-level statement, as the engine reads it.</summary>
internal sealed class CatalogBuilder
{
    private readonly SchemaCatalog _catalog;
    private StatementSite _site;
    private string _kind = string.Empty;
    private StatementContext? _statement;
    private int _declarations;

    public CatalogBuilder(SchemaCatalog catalog) => _catalog = catalog;

    public void Observe(string kind, ParseElement node, in StatementSite site)
    {
        _site = site;
        _kind = kind;
        _statement = null;
        switch (kind)
        {
            case "CreateStmt":
                CreateTable(node);
                break;
            case "AlterTableStmt":
                AlterTable(node);
                break;
            case "IndexStmt":
                AddIndex(node);
                break;
            case "CreateEnumStmt":
                AddType(node.Names("typeName"), UserTypeKind.Enum, null);
                break;
            case "CreateRangeStmt":
                AddType(node.Names("typeName"), UserTypeKind.Range, null);
                break;
            case "CreateDomainStmt":
                AddType(node.Names("domainname"), UserTypeKind.Domain, TypeRef.From(node.Field("typeName")));
                break;
            case "DefineStmt" when node.Str("kind") == "OBJECT_TYPE":
                AddType(node.Names("defnames"), UserTypeKind.Base, null);
                break;
            case "CompositeTypeStmt":
                var typeVar = QualifiedName.FromRangeVar(node.Field("typevar"));
                _catalog.AddType(new UserType(typeVar.Schema, typeVar.Name, UserTypeKind.Composite, null));
                break;
            case "InsertStmt":
                _catalog.GetOrAddTable(QualifiedName.FromRangeVar(node.Field("relation"))).DataLoadOrdinals.Add(site.Ordinal);
                break;
            case "CopyStmt" when node.Bool("is_from") && node.Has("relation"):
                _catalog.GetOrAddTable(QualifiedName.FromRangeVar(node.Field("relation"))).DataLoadOrdinals.Add(site.Ordinal);
                break;
        }
    }

    private void AddType(IReadOnlyList<string> names, UserTypeKind kind, TypeRef? domainBase)
    {
        if (names.Count > 0)
        {
            _catalog.AddType(new UserType(names.Count > 1 ? names[names.Count - 2] : null, names[names.Count - 1], kind, domainBase));
        }
    }

    // The statement's context is made for the first entry it declares: most statements declare none.
    private Declaration Declare(QualifiedName table, int location, int columnLocation) =>
        new(_statement ??= _site.Statement(), table, location, columnLocation, _kind == "AlterTableStmt", _declarations++);

    private void CreateTable(ParseElement node)
    {
        var name = QualifiedName.FromRangeVar(node.Field("relation"));
        var table = _catalog.GetOrAddTable(name);
        table.IsPartitioned = node.Has("partspec");
        var keyElements = TableDefinitionNodes.PartitionElements(node);
        table.PartitionKeyColumns = keyElements.Count == 0 || keyElements.Any(TableDefinitionNodes.IsExpression)
            ? null
            : keyElements.Select(e => e.Str("name")!).ToList();
        if (node.Has("partbound"))
        {
            var parent = node.Items("inhRelations").Select(r => r.Is("RangeVar", out var rv) ? QualifiedName.FromRangeVar(rv) : (QualifiedName?)null).FirstOrDefault(r => r is not null);
            table.PartitionOf = parent;
            if (parent is not null && _catalog.FindTable(parent.Value) is { } parentTable)
            {
                foreach (var column in parentTable.Columns)
                {
                    table.AddColumn(column);
                }
            }
        }

        foreach (var element in node.Items("tableElts"))
        {
            if (element.Is("ColumnDef", out var column))
            {
                AddColumn(table, name, column);
            }
            else if (element.Is("Constraint", out var constraint))
            {
                AddConstraint(table, name, constraint, null, -1);
            }
        }
    }

    private void AlterTable(ParseElement node)
    {
        var name = QualifiedName.FromRangeVar(node.Field("relation"));
        var table = _catalog.GetOrAddTable(name);
        foreach (var item in node.Items("cmds"))
        {
            if (!item.Is("AlterTableCmd", out var command))
            {
                continue;
            }

            var def = command.Field("def");
            if (command.Str("subtype") == "AT_AddColumn" && def.Is("ColumnDef", out var column))
            {
                AddColumn(table, name, column);
            }
            else if (command.Str("subtype") == "AT_AddConstraint" && def.Is("Constraint", out var constraint))
            {
                AddConstraint(table, name, constraint, null, -1);
            }
            else if (IsSequenceDefault(command) && table.Column(command.Str("name") ?? string.Empty) is { } target)
            {
                target.IsSequenceGenerated = true;
            }
        }
    }

    private void AddColumn(TableInfo table, QualifiedName tableName, ParseElement column)
    {
        var name = column.Str("colname") ?? string.Empty;
        var type = TypeRef.From(column.Field("typeName"));
        table.AddColumn(new ColumnInfo(name, type) { IsSequenceGenerated = PerformanceNodes.IsSequenceGenerated(column, type) });
        foreach (var item in column.Items("constraints"))
        {
            if (item.Is("Constraint", out var constraint))
            {
                AddConstraint(table, tableName, constraint, name, column.Location());
            }
        }
    }

    // `column` and `columnLocation` are those of the column a column constraint is written on (null and -1 for a table constraint).
    private void AddConstraint(TableInfo table, QualifiedName tableName, ParseElement constraint, string? column, int columnLocation)
    {
        // Keys are read only for the kinds that have them: most column constraints are NOT NULL or DEFAULT.
        switch (constraint.Str("contype"))
        {
            case "CONSTR_PRIMARY":
                var keys = Keys(constraint, column);
                table.PrimaryKey = keys;
                table.Indexes.Add(new IndexInfo(constraint.Str("conname"), keys.ToList<string?>(), "btree", true, true, Declare(tableName, constraint.Location(), columnLocation))
                {
                    IsPrimaryKey = true,
                    HasIncludedColumns = constraint.Has("including"),
                });
                break;
            case "CONSTR_UNIQUE":
                table.Indexes.Add(new IndexInfo(constraint.Str("conname"), Keys(constraint, column).ToList<string?>(), "btree", true, true, Declare(tableName, constraint.Location(), columnLocation))
                {
                    HasIncludedColumns = constraint.Has("including"),
                });
                break;
            case "CONSTR_FOREIGN":
                var columns = column is null ? constraint.Names("fk_attrs") : new[] { column };
                var referenced = constraint.Field("pktable");
                table.ForeignKeys.Add(new ForeignKeyInfo(constraint.Str("conname"), columns, QualifiedName.FromRangeVar(referenced), referenced.Location(), constraint.Names("pk_attrs"), Declare(tableName, constraint.Location(), columnLocation)));
                break;
        }
    }

    private static IReadOnlyList<string> Keys(ParseElement constraint, string? column) =>
        column is null ? constraint.Names("keys") : new[] { column };

    private void AddIndex(ParseElement node)
    {
        var relation = node.Field("relation");
        var name = QualifiedName.FromRangeVar(relation);
        var table = _catalog.GetOrAddTable(name);
        var columns = new List<string?>(node.Field("indexParams").GetArrayLength());
        foreach (var param in node.Items("indexParams"))
        {
            columns.Add(param.Is("IndexElem", out var elem) ? elem.Str("name") : null);
        }

        table.Indexes.Add(new IndexInfo(node.Str("idxname"), columns, node.Str("accessMethod") ?? "btree", node.Bool("unique"), false, Declare(name, relation.Location(), -1))
        {
            IsPartial = node.Has("whereClause"),
            IsRangeSharded = PerformanceNodes.IsRangeSharded(node),
            HasIncludedColumns = node.Has("indexIncludingParams"),
        });
    }

    /// <summary>ALTER COLUMN .. SET DEFAULT nextval(..) or ALTER COLUMN .. ADD GENERATED .. AS IDENTITY (pg_dump writes both).</summary>
    private static bool IsSequenceDefault(ParseElement command) => command.Str("subtype") switch
    {
        "AT_ColumnDefault" => PerformanceNodes.IsNextvalCall(command.Field("def")),
        "AT_AddIdentity" => true,
        _ => false,
    };
}
