using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;

namespace YbMigrate.Linter.Rules;

/// <summary>YB1018: PARTITION BY LIST on more than one column.</summary>
public sealed class MultiColumnListPartitionRule : SqlRule
{
    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB1018",
        "LIST partitioning on several columns",
        Severity.Error,
        RuleCategory.UnsupportedFeature,
        Availability.Never,
        "PARTITION BY LIST with {0} keys is not supported: LIST partitioning takes a single column or expression; partition on one column (or one expression combining them), or sub-partition",
        new RuleDocs(
            "`PARTITION BY LIST (a, b)`: a LIST partition key with more than one column or expression.",
            "LIST partitioning accepts exactly one key column. PostgreSQL rejects a multi-column LIST key as well, so such DDL usually comes from a schema converted from another database (Oracle has multi-column list partitioning); it fails on YugabyteDB.",
            "Partition on a single column, or on one expression that combines the columns (e.g. `((a || ':' || b))`, with partitions listing the combined values), or sub-partition: LIST on the first column, then LIST on the second in each partition.",
            "CREATE TABLE sales (id bigint, country text, channel text) PARTITION BY LIST (country, channel);",
            "CREATE TABLE sales (id bigint, country text, channel text) PARTITION BY LIST (country);\nCREATE TABLE sales_fr PARTITION OF sales FOR VALUES IN ('FR') PARTITION BY LIST (channel);"));

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterNodeAction(Analyze, "CreateStmt");

    private static void Analyze(NodeContext context)
    {
        var elements = TableDefinitionNodes.PartitionElements(context.Node);
        if (context.Node.Field("partspec").Str("strategy") != "list" || elements.Count < 2)
        {
            return;
        }

        var span = TableDefinitionNodes.PartitionElementsSpan(context.Statement, elements[0], elements[elements.Count - 1]);
        context.Report(span, elements.Count);
    }
}
