using System.Collections.Generic;
using System.Linq;
using YbMigrate.Linter.Catalog;
using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Rules;

/// <summary>YB4002: a table created without a primary key, or whose primary key is only added by a later ALTER TABLE.</summary>
public sealed class TableWithoutPrimaryKeyRule : SqlRule
{
    private const string NoKey =
        "has no primary key: YugabyteDB then keys and shards its rows by a hidden generated row id that queries cannot use; declare a primary key in CREATE TABLE";

    private const string KeyAddedLater =
        "gets its primary key from a later ALTER TABLE: on YugabyteDB adding a primary key to an existing table rebuilds the whole table; declare the key in CREATE TABLE";

    private const string KeyAddedToTableAs =
        "gets its primary key from a later ALTER TABLE: on YugabyteDB adding a primary key to an existing table rebuilds the whole table; create the table with its key (CREATE TABLE) and fill it with INSERT .. SELECT";

    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB4002",
        "Table without a primary key in CREATE TABLE",
        Severity.Info,
        RuleCategory.Performance,
        Availability.Never,
        "Table \"{0}\" {1}",
        new RuleDocs(
            "A CREATE TABLE that declares no primary key, neither on a column nor as a table constraint. When a later statement of the input adds the primary key (`ALTER TABLE .. ADD PRIMARY KEY`, as pg_dump writes it), the finding says so instead. Not reported: partitions (`PARTITION OF`: their key comes from the parent), temporary tables, `CREATE TABLE (LIKE ..)` (the key may be copied), and `CREATE TABLE .. AS` / `SELECT .. INTO`, which cannot declare a key, unless a primary key is added to them later.",
            "A YugabyteDB table is stored and sharded by its primary key. Without one, each row gets a hidden generated row id as its key: rows are still spread out, but no query can use that id, so every lookup needs a secondary index and every secondary index points at an id the application never sees. Adding the primary key afterwards is not a catalog change as in PostgreSQL: YugabyteDB must rewrite the table under the new key, which on a loaded table costs as much as loading it again.",
            "Declare the primary key in the CREATE TABLE statement (move the ALTER TABLE .. ADD PRIMARY KEY into it). For a CREATE TABLE .. AS, create the table with its key first, then fill it with INSERT .. SELECT.",
            "CREATE TABLE orders (id bigint NOT NULL, placed_at timestamptz);\nALTER TABLE orders ADD CONSTRAINT orders_pkey PRIMARY KEY (id);",
            "CREATE TABLE orders (id bigint NOT NULL, placed_at timestamptz, CONSTRAINT orders_pkey PRIMARY KEY (id));"));

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration)
    {
        registration.RegisterNodeAction(CreateTable, "CreateStmt");
        registration.RegisterNodeAction(CreateTableAs, "CreateTableAsStmt", "SelectStmt");
    }

    private static void CreateTable(NodeContext context)
    {
        var node = context.Node;
        var relation = node.Field("relation");
        var mayInheritKey = node.Has("partbound") || HasLikeClause(node);
        if (context.Statement.Embedded is not null || relation.Str("relpersistence") == "t" || mayInheritKey)
        {
            return;
        }

        if (!HasPrimaryKey(PerformanceNodes.KeyConstraints(context)))
        {
            CheckKey(context, QualifiedName.FromRangeVar(relation), PerformanceNodes.RelationSpan(context.Statement, relation), NoKey, KeyAddedLater);
        }
    }

    private static bool HasLikeClause(ParseElement createTable)
    {
        foreach (var element in createTable.Items("tableElts"))
        {
            if (element.Is("TableLikeClause", out _))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasPrimaryKey(IReadOnlyList<PerformanceNodes.ConstraintSite> sites)
    {
        for (var i = 0; i < sites.Count; i++)
        {
            if (sites[i].Kind == "CONSTR_PRIMARY")
            {
                return true;
            }
        }

        return false;
    }

    private static void CreateTableAs(NodeContext context)
    {
        var into = context.Kind == "SelectStmt" ? context.Node.Field("intoClause") : context.Node.Field("into");
        var relation = into.Field("rel");
        var isTable = context.Kind == "SelectStmt" ? context.IsStatement && into.Has("rel") : context.Node.Str("objtype") == "OBJECT_TABLE";
        if (context.Statement.Embedded is null && isTable && relation.Str("relpersistence") != "t")
        {
            CheckKey(context, QualifiedName.FromRangeVar(relation), PerformanceNodes.RelationSpan(context.Statement, relation), null, KeyAddedToTableAs);
        }
    }

    private static void CheckKey(NodeContext context, QualifiedName table, TextSpan span, string? noKey, string keyAddedLater)
    {
        context.AfterCatalog((table, span, noKey, keyAddedLater), static (check, created) =>
        {
            var key = check.Catalog.FindTable(created.table)?.Indexes.FirstOrDefault(i => i.IsPrimaryKey);
            var message = key is null ? created.noKey : key.Ordinal > check.Statement.Ordinal ? created.keyAddedLater : null;
            if (message is not null)
            {
                check.Report(created.span, created.table.Name, message);
            }
        });
    }
}
