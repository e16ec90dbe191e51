using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;

namespace YbMigrate.Linter.Rules;

/// <summary>YB1041: <c>ALTER INDEX .. SET (..)</c> / <c>RESET (..)</c> of index storage parameters.</summary>
public sealed class AlterIndexSetRule : SqlRule
{
    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB1041",
        "ALTER INDEX SET / RESET storage parameters",
        Severity.Error,
        RuleCategory.UnsupportedFeature,
        Availability.Never,
        "ALTER INDEX .. {0} (..) is not supported by YugabyteDB: remove it (index storage parameters such as fillfactor do not apply to YugabyteDB's LSM indexes)",
        new RuleDocs(
            "The `SET (parameter = value, ..)` and `RESET (parameter, ..)` forms of `ALTER INDEX`. Other ALTER INDEX forms (RENAME, SET TABLESPACE, ATTACH PARTITION) are not reported.",
            "Index storage parameters (fillfactor, deduplicate_items, fastupdate, gin_pending_list_limit, ...) tune PostgreSQL's B-tree and GIN pages. YugabyteDB's indexes are stored in its distributed LSM storage and the statement fails.",
            "Remove the statement. If a parameter mattered for performance in PostgreSQL, look at the index design instead (hash or range sharding of its first column, covering columns with INCLUDE).",
            "ALTER INDEX orders_created_idx SET (fillfactor = 70);",
            "-- (removed: not needed on YugabyteDB)"));

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterNodeAction(Analyze, "AlterTableStmt");

    private static void Analyze(NodeContext context)
    {
        if (context.Node.Str("objtype") != "OBJECT_INDEX")
        {
            return;
        }

        foreach (var (keyword, _, span) in OlderDdlSyntax.RelOptionChanges(context.Statement, context.Node))
        {
            context.Report(span, keyword);
        }
    }
}
