using YbMigrate.Linter.Catalog;
using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Rules;

/// <summary>YB1015: a BEFORE ... FOR EACH ROW trigger created on a partitioned table.</summary>
public sealed class BeforeRowTriggerOnPartitionedTableRule : SqlRule
{
    // TRIGGER_TYPE_BEFORE in PostgreSQL's pg_trigger.h; AFTER is 0 and INSTEAD OF is 64.
    private const int BeforeTiming = 2;

    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB1015",
        "BEFORE ROW trigger on a partitioned table",
        Severity.Error,
        RuleCategory.UnsupportedFeature,
        Availability.Fixed("2.25", "2025.1"),
        "BEFORE ROW trigger \"{0}\" is on partitioned table \"{1}\", which this YugabyteDB version does not allow: create the trigger on each partition instead",
        new RuleDocs(
            "`CREATE TRIGGER ... BEFORE ... FOR EACH ROW` whose table is partitioned (declared with PARTITION BY). The table is looked up in the whole schema, so it may be declared in another statement or file.",
            "PostgreSQL 13 and later let a BEFORE ROW trigger be defined once on the partitioned parent and cloned to every partition. YugabyteDB versions before 2.25 / 2025.1 are based on PostgreSQL 11 and reject such a trigger on the parent.",
            "Create the same trigger on every partition (and on partitions added later), or upgrade to YugabyteDB 2.25 / 2025.1 or later. AFTER ROW triggers and statement triggers on the parent are not affected.",
            "CREATE TABLE events (id bigint, at date) PARTITION BY RANGE (at);\nCREATE TRIGGER events_stamp BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION stamp();",
            "CREATE TRIGGER events_2024_stamp BEFORE INSERT ON events_2024 FOR EACH ROW EXECUTE FUNCTION stamp();\nCREATE TRIGGER events_2025_stamp BEFORE INSERT ON events_2025 FOR EACH ROW EXECUTE FUNCTION stamp();"));

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterNodeAction(Analyze, "CreateTrigStmt");

    private static void Analyze(NodeContext context)
    {
        if (context.Node.Int("timing") != BeforeTiming || !context.Node.Bool("row"))
        {
            return;
        }

        var table = QualifiedName.FromRangeVar(context.Node.Field("relation"));
        var trigger = context.Node.Str("trigname") ?? string.Empty;
        var before = context.Statement.FindToken(TokenKind.BEFORE);
        var span = before < 0 ? context.Statement.TokenSpanAt(-1) : context.Statement.Tokens[before].Span;
        context.AfterCatalog(check =>
        {
            if (check.Catalog.FindTable(table)?.IsPartitioned == true)
            {
                check.Report(span, trigger, table.ToString());
            }
        });
    }
}
