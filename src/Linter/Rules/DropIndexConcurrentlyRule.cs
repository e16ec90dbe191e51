using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Rules;

/// <summary>YB1035: DROP INDEX CONCURRENTLY.</summary>
public sealed class DropIndexConcurrentlyRule : SqlRule
{
    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB1035",
        "DROP INDEX CONCURRENTLY",
        Severity.Error,
        RuleCategory.UnsupportedFeature,
        Availability.Never,
        "DROP INDEX CONCURRENTLY is not supported by YugabyteDB: remove the CONCURRENTLY keyword, a plain DROP INDEX works",
        new RuleDocs(
            "`DROP INDEX CONCURRENTLY [IF EXISTS] name [, ...]`.",
            "YugabyteDB does not accept the CONCURRENTLY option of DROP INDEX, so the statement fails. The plain form of the same statement is supported and drops the same indexes.",
            "Remove the CONCURRENTLY keyword; the automatic fix does exactly that.",
            "DROP INDEX CONCURRENTLY IF EXISTS orders_status_idx;",
            "DROP INDEX IF EXISTS orders_status_idx;"),
        hasFix: true);

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterNodeAction(Analyze, "DropStmt");

    private static void Analyze(NodeContext context)
    {
        if (context.Node.Str("removeType") != "OBJECT_INDEX" || !context.Node.Bool("concurrent"))
        {
            return;
        }

        var statement = context.Statement;
        var keyword = statement.FindToken(TokenKind.CONCURRENTLY);
        if (keyword < 0)
        {
            context.Report(OlderDdlSyntax.SequenceSpan(statement, 0, TokenKind.DROP, TokenKind.INDEX));
            return;
        }

        context.ReportWithFix(statement.Tokens[keyword].Span, statement.DeleteTokens("Remove CONCURRENTLY", keyword, keyword));
    }
}
