using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Rules;

/// <summary>YB3013: WITH x AS [NOT] MATERIALIZED (PostgreSQL 12).</summary>
public sealed class MaterializedCteRule : SqlRule
{
    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB3013",
        "MATERIALIZED / NOT MATERIALIZED common table expression",
        Severity.Error,
        RuleCategory.UnsupportedFeature,
        Availability.Fixed("2.25", "2025.1"),
        "{0} on a WITH query is not supported by this YugabyteDB version: remove it (it is only a hint to the planner, the result is the same)",
        new RuleDocs(
            "`WITH name AS MATERIALIZED (...)` and `WITH name AS NOT MATERIALIZED (...)`.",
            "The keywords came with PostgreSQL 12 to let the author choose whether a WITH query is computed once or folded into the main query. YugabyteDB releases before 2.25 and 2025.1 are based on PostgreSQL 11 and reject them (and always compute WITH queries once).",
            "Remove `MATERIALIZED` / `NOT MATERIALIZED`: the keywords steer the plan, never the result, so the query returns the same rows. The automatic fix removes them.",
            "WITH recent AS MATERIALIZED (SELECT * FROM orders WHERE created_at > now() - interval '1 day')\nSELECT count(*) FROM recent;",
            "WITH recent AS (SELECT * FROM orders WHERE created_at > now() - interval '1 day')\nSELECT count(*) FROM recent;"),
        hasFix: true);

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration) => registration.RegisterNodeAction(Analyze, "CommonTableExpr");

    private static void Analyze(NodeContext context)
    {
        var mode = context.Node.Str("ctematerialized");
        if (mode != "CTEMaterializeAlways" && mode != "CTEMaterializeNever")
        {
            return;
        }

        var hint = mode == "CTEMaterializeAlways" ? "MATERIALIZED" : "NOT MATERIALIZED";
        var statement = context.Statement;
        var first = HintStart(statement, StatementTokens.At(statement, context.Node.Location()));
        var last = first < 0 ? -1 : statement.FindToken(TokenKind.MATERIALIZED, first);
        if (last < 0)
        {
            context.ReportAt(context.Node.Location(), hint);
            return;
        }

        context.ReportWithFix(statement.SpanOfTokens(first, last), statement.DeleteTokens("Remove " + hint, first, last), hint);
    }

    // name [(columns)] AS [NOT] MATERIALIZED: the token after AS, stepping over the column list
    // (whose names could themselves be "materialized").
    private static int HintStart(StatementContext statement, int name)
    {
        var next = name < 0 ? -1 : statement.NextToken(name);
        if (next >= 0 && statement.Tokens[next].Kind == TokenKind.ASCII_40)
        {
            var close = statement.FindToken(TokenKind.ASCII_41, next);
            next = close < 0 ? -1 : statement.NextToken(close);
        }

        return next >= 0 && statement.Tokens[next].Kind == TokenKind.AS ? statement.NextToken(next) : -1;
    }
}
