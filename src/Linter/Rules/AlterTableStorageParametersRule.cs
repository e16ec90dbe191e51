using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;

namespace YbMigrate.Linter.Rules;

/// <summary>YB1036: <c>ALTER TABLE .. SET (..)</c> / <c>RESET (..)</c> of table storage parameters.</summary>
public sealed class AlterTableStorageParametersRule : SqlRule
{
    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB1036",
        "ALTER TABLE SET / RESET storage parameters",
        Severity.Error,
        RuleCategory.UnsupportedFeature,
        Availability.Never,
        "ALTER TABLE .. {0} (..) of storage parameters is not supported by YugabyteDB: remove the sub-command (parameters such as fillfactor and autovacuum_* have no effect on YugabyteDB's storage)",
        new RuleDocs(
            "The `SET (parameter = value, ..)` and `RESET (parameter, ..)` sub-commands of `ALTER TABLE`. Storage parameters given in CREATE TABLE, other `SET` forms (`SET SCHEMA`, `SET TABLESPACE`, ...), column options (`ALTER COLUMN .. SET (..)`) and `ALTER INDEX .. SET (..)` (YB1041) are not reported by this rule.",
            "Table storage parameters tune PostgreSQL's heap pages and vacuum (fillfactor, autovacuum_*, toast_tuple_target, parallel_workers, ...). YugabyteDB stores rows in its distributed LSM storage, has no vacuum, and rejects changing these parameters with ALTER TABLE.",
            "Remove the sub-command, or the whole statement when it is the only one. Nothing replaces vacuum tuning: YugabyteDB compacts its storage in the background.",
            "ALTER TABLE orders SET (fillfactor = 80, autovacuum_vacuum_scale_factor = 0.05);",
            "-- (removed: not needed on YugabyteDB)"));

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterNodeAction(Analyze, "AlterTableStmt");

    private static void Analyze(NodeContext context)
    {
        if (context.Node.Str("objtype") != "OBJECT_TABLE")
        {
            return;
        }

        foreach (var (keyword, _, span) in OlderDdlSyntax.RelOptionChanges(context.Statement, context.Node))
        {
            context.Report(span, keyword);
        }
    }
}
