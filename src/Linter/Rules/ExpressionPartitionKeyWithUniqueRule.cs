using System.Linq;
using YbMigrate.Linter.Catalog;
using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;

namespace YbMigrate.Linter.Rules;

/// <summary>YB1017: a table partitioned on an expression that also has a primary key or unique constraint.</summary>
public sealed class ExpressionPartitionKeyWithUniqueRule : SqlRule
{
    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB1017",
        "Expression partition key on a table with a primary key or unique constraint",
        Severity.Error,
        RuleCategory.UnsupportedFeature,
        Availability.Never,
        "Table \"{0}\" is partitioned on an expression but has a {1}: uniqueness cannot be enforced across partitions of an expression key; partition on plain columns or drop the {1}",
        new RuleDocs(
            "`CREATE TABLE ... PARTITION BY RANGE | LIST | HASH (...)` whose key contains an expression, e.g. `((lower(code)))` or `(date_trunc('month', at))`, when the table has a PRIMARY KEY, a UNIQUE constraint or a unique index, declared in the same statement or anywhere else in the schema.",
            "A unique constraint on a partitioned table is enforced partition by partition, which only works when the key contains every partition column as a plain column. Neither YugabyteDB nor PostgreSQL accepts it with an expression partition key, so such DDL usually comes from a schema converted from another database (Oracle allows it).",
            "Partition on a plain column (add a column holding the expression's value, filled by the application or a trigger, and include it in the key), or drop the primary key / unique constraint and enforce uniqueness another way.",
            "CREATE TABLE logs (id bigint PRIMARY KEY, at timestamptz)\n  PARTITION BY RANGE ((date_trunc('month', at)));",
            "CREATE TABLE logs (id bigint, at timestamptz, PRIMARY KEY (id, at))\n  PARTITION BY RANGE (at);"));

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterNodeAction(Analyze, "CreateStmt");

    private static void Analyze(NodeContext context)
    {
        var expressions = TableDefinitionNodes.PartitionElements(context.Node).Where(TableDefinitionNodes.IsExpression).ToList();
        if (expressions.Count == 0)
        {
            return;
        }

        var table = QualifiedName.FromRangeVar(context.Node.Field("relation"));
        var span = TableDefinitionNodes.PartitionElementsSpan(context.Statement, expressions[0], expressions[expressions.Count - 1]);
        context.AfterCatalog(check =>
        {
            var info = check.Catalog.FindTable(table);
            var unique = info?.Indexes.FirstOrDefault(index => index.Unique);
            if (unique is not null)
            {
                var what = info!.PrimaryKey is not null ? "primary key" : unique.IsConstraint ? "unique constraint" : "unique index";
                check.Report(span, table.ToString(), what);
            }
        });
    }
}
