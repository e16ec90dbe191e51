using System.Linq;
using YbMigrate.Linter.Catalog;
using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Rules;

/// <summary>YB1016: ALTER TABLE ... ADD PRIMARY KEY on a partitioned table.</summary>
public sealed class AddPrimaryKeyToPartitionedTableRule : SqlRule
{
    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB1016",
        "Primary key added to a partitioned table",
        Severity.Error,
        RuleCategory.UnsupportedFeature,
        Availability.Fixed("2.23", "2024.1"),
        "Adding a primary key to partitioned table \"{0}\" with ALTER TABLE is not supported by this YugabyteDB version: declare the primary key in its CREATE TABLE",
        new RuleDocs(
            "`ALTER TABLE ... ADD PRIMARY KEY` and `ALTER TABLE ... ADD CONSTRAINT ... PRIMARY KEY` whose table is partitioned. The table is looked up in the whole schema, so its CREATE TABLE may be in another file.",
            "pg_dump writes primary keys as separate ALTER TABLE statements after the tables. YugabyteDB before 2.23 / 2024.1 cannot add a primary key to a partitioned table after it was created; the statement fails and the table stays without a key.",
            "Move the key into the CREATE TABLE of the partitioned table (it must include the partition key columns), or upgrade to YugabyteDB 2.23 / 2024.1 or later.",
            "CREATE TABLE orders (id bigint, region text) PARTITION BY LIST (region);\nALTER TABLE orders ADD CONSTRAINT orders_pkey PRIMARY KEY (id, region);",
            "CREATE TABLE orders (id bigint, region text, CONSTRAINT orders_pkey PRIMARY KEY (id, region)) PARTITION BY LIST (region);"));

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterNodeAction(Analyze, "AlterTableStmt");

    private static void Analyze(NodeContext context)
    {
        var spans = TableDefinitionNodes.AddedConstraints(context.Node)
            .Where(c => c.Str("contype") == "CONSTR_PRIMARY")
            .Select(c => TableDefinitionNodes.KeywordSpan(context.Statement, c.Location(), TokenKind.PRIMARY))
            .ToList();
        if (spans.Count == 0)
        {
            return;
        }

        var table = QualifiedName.FromRangeVar(context.Node.Field("relation"));
        context.AfterCatalog(check =>
        {
            if (check.Catalog.FindTable(table)?.IsPartitioned == true)
            {
                spans.ForEach(span => check.Report(span, table.ToString()));
            }
        });
    }
}
