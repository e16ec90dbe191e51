using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Rules;

/// <summary>YB1037: <c>ALTER TABLE .. ALTER COLUMN .. SET STATISTICS n</c>.</summary>
public sealed class AlterColumnSetStatisticsRule : SqlRule
{
    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB1037",
        "ALTER COLUMN SET STATISTICS",
        Severity.Error,
        RuleCategory.UnsupportedFeature,
        Availability.Never,
        "SET STATISTICS on column {0} is not supported by YugabyteDB: remove the sub-command",
        new RuleDocs(
            "`ALTER TABLE .. ALTER [COLUMN] col SET STATISTICS n`, and the same on an index column (`ALTER INDEX .. ALTER COLUMN 1 SET STATISTICS n`) or a materialized view.",
            "The per-column statistics target tells PostgreSQL's ANALYZE how many values to sample. YugabyteDB rejects changing it, so the statement fails; pg_dump writes it for every column whose target was tuned.",
            "Remove the sub-command (or the statement). The planner works with the default statistics target; run ANALYZE on YugabyteDB after loading data.",
            "ALTER TABLE orders ALTER COLUMN customer_id SET STATISTICS 1000;",
            "ANALYZE orders;"));

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterNodeAction(Analyze, "AlterTableStmt");

    private static void Analyze(NodeContext context)
    {
        var clauses = OlderDdlSyntax.CommandClauses(context.Statement, context.Node, "AT_SetStatistics", TokenKind.SET, TokenKind.STATISTICS);
        foreach (var (command, span) in clauses)
        {
            var column = command.Str("name") is { } name ? $"\"{name}\"" : "number " + command.Int("num");
            context.Report(span, column);
        }
    }
}
