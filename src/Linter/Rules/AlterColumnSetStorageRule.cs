using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Rules;

/// <summary>YB1038: <c>ALTER TABLE .. ALTER COLUMN .. SET STORAGE ..</c>.</summary>
public sealed class AlterColumnSetStorageRule : SqlRule
{
    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB1038",
        "ALTER COLUMN SET STORAGE",
        Severity.Error,
        RuleCategory.UnsupportedFeature,
        Availability.Never,
        "SET STORAGE {1} on column \"{0}\" is not supported by YugabyteDB: remove the sub-command (YugabyteDB does not use TOAST)",
        new RuleDocs(
            "`ALTER TABLE .. ALTER [COLUMN] col SET STORAGE PLAIN | EXTERNAL | EXTENDED | MAIN`.",
            "The storage mode controls whether PostgreSQL compresses a column and moves it out of line to a TOAST table. YugabyteDB stores rows in DocDB without TOAST, and rejects the sub-command.",
            "Remove the sub-command (or the statement). Large values are stored by YugabyteDB as they are; keep very large values (many MB) out of hot tables.",
            "ALTER TABLE documents ALTER COLUMN body SET STORAGE EXTERNAL;",
            "-- (removed: not needed on YugabyteDB)"));

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterNodeAction(Analyze, "AlterTableStmt");

    private static void Analyze(NodeContext context)
    {
        var clauses = OlderDdlSyntax.CommandClauses(context.Statement, context.Node, "AT_SetStorage", TokenKind.SET, TokenKind.STORAGE);
        foreach (var (command, span) in clauses)
        {
            var mode = PgJson.StringValue(command.Field("def")) ?? string.Empty;
            context.Report(span, command.Str("name") ?? string.Empty, mode.ToUpperInvariant());
        }
    }
}
