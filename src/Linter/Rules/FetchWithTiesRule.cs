using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Rules;

/// <summary>YB3012: FETCH FIRST n ROWS WITH TIES (PostgreSQL 13).</summary>
public sealed class FetchWithTiesRule : SqlRule
{
    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB3012",
        "FETCH FIRST ... WITH TIES",
        Severity.Error,
        RuleCategory.UnsupportedFeature,
        Availability.Never,
        "FETCH FIRST ... WITH TIES is not supported by YugabyteDB: rank the rows with rank() OVER (ORDER BY ...) in a subquery and keep those ranked within the limit",
        new RuleDocs(
            "A query whose row limit is written `FETCH FIRST n ROWS WITH TIES` (the rows tied with the last one on the ORDER BY keys are returned too).",
            "YugabyteDB does not support the WITH TIES form of the row limit: the query fails. `FETCH FIRST n ROWS ONLY` and `LIMIT n` work.",
            "Compute `rank() OVER (ORDER BY ...)` in a subquery and filter on `rank <= n`: that returns exactly the rows WITH TIES would.",
            "SELECT name, score FROM players ORDER BY score DESC FETCH FIRST 3 ROWS WITH TIES;",
            "SELECT name, score FROM (SELECT name, score, rank() OVER (ORDER BY score DESC) AS r FROM players) ranked WHERE r <= 3 ORDER BY score DESC;"));

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration) => registration.RegisterNodeAction(Analyze, "SelectStmt");

    private static void Analyze(NodeContext context)
    {
        if (context.Node.Str("limitOption") != "LIMIT_OPTION_WITH_TIES")
        {
            return;
        }

        // Search from the row count (when it has a location) so a statement with several limits picks its own.
        var statement = context.Statement;
        var count = context.Node.Field("limitCount").TryUnwrap(out _, out var node) ? node.Location() : -1;
        var ties = statement.FindToken(TokenKind.TIES, StatementTokens.At(statement, count));
        var with = ties < 0 ? -1 : StatementTokens.Previous(statement, TokenKind.WITH, ties);
        context.Report(with < 0 ? statement.TokenSpanAt(-1) : statement.SpanOfTokens(with, ties));
    }
}
