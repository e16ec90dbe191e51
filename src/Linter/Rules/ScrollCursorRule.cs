using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Rules;

/// <summary>YB3018: cursor movement other than forward (FETCH PRIOR / FIRST / LAST / ABSOLUTE / RELATIVE / BACKWARD), and WHERE CURRENT OF.</summary>
public sealed class ScrollCursorRule : SqlRule
{
    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB3018",
        "Scrolling cursor movement or WHERE CURRENT OF",
        Severity.Error,
        RuleCategory.UnsupportedFeature,
        Availability.Never,
        "{0} is not supported by YugabyteDB cursors, which only move forward: {1}",
        new RuleDocs(
            "`FETCH` / `MOVE` with `PRIOR`, `FIRST`, `LAST`, `ABSOLUTE n`, `RELATIVE n`, `BACKWARD` or a negative count, and `UPDATE` / `DELETE ... WHERE CURRENT OF cursor`. Forward movement (`FETCH`, `FETCH NEXT`, `FETCH n`, `FETCH FORWARD n`, `FETCH ALL`) is fine. (FETCH and MOVE written as PL/pgSQL statements are not checked.)",
            "YugabyteDB cursors are forward-only and cannot address the row they stand on, so a statement that moves a cursor backwards or to an absolute position, or that updates the cursor's current row, is rejected.",
            "Fetch forward only: re-run the query (with an ORDER BY and a keyset condition such as `WHERE id > last_seen`) instead of scrolling back or jumping. Instead of `WHERE CURRENT OF`, fetch the row's primary key with the cursor and update `WHERE id = fetched_id`.",
            "FETCH PRIOR FROM orders_cursor;\nUPDATE orders SET status = 'seen' WHERE CURRENT OF orders_cursor;",
            "FETCH NEXT FROM orders_cursor;  -- the query returns id\nUPDATE orders SET status = 'seen' WHERE id = 42;"));

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration)
    {
        registration.RegisterNodeAction(Fetch, "FetchStmt");
        registration.RegisterNodeAction(CurrentOf, "UpdateStmt", "DeleteStmt");
    }

    private static void Fetch(NodeContext context)
    {
        var direction = context.Node.Str("direction");
        var backwards = direction is "FETCH_BACKWARD" or "FETCH_ABSOLUTE" or "FETCH_RELATIVE" || Count(context.Node) < 0;
        if (!backwards)
        {
            return;
        }

        var statement = context.Statement;
        var span = DirectionSpan(statement);
        var verb = context.Node.Bool("ismove") ? "MOVE" : "FETCH";
        context.Report(span, verb + " " + statement.Source.Text.Substring(span.Start, span.Length), "re-run the query with a keyset condition instead of scrolling");
    }

    // howMany is a 64-bit count (ALL is long.MaxValue); absent means 0.
    private static long Count(ParseElement fetch) =>
        fetch.Field("howMany") is { ValueKind: ElementKind.Number } count && count.TryGetInt64(out var value) ? value : 0;

    // The words between FETCH/MOVE and FROM/IN (or the cursor name): "PRIOR", "ABSOLUTE 3", "-5".
    private static TextSpan DirectionSpan(StatementContext statement)
    {
        var verb = StatementTokens.First(statement);
        var first = verb < 0 ? -1 : statement.NextToken(verb);
        if (first < 0)
        {
            return statement.TokenSpanAt(-1);
        }

        var last = first;
        for (var next = statement.NextToken(last); next >= 0 && statement.Tokens[next].Span.Start < statement.Span.End; next = statement.NextToken(last))
        {
            var kind = statement.Tokens[next].Kind;
            if (kind == TokenKind.FROM || kind == TokenKind.IN_P || statement.NextToken(next) < 0 || statement.Tokens[statement.NextToken(next)].Span.Start >= statement.Span.End)
            {
                break;
            }

            last = next;
        }

        return statement.SpanOfTokens(first, last);
    }

    private static void CurrentOf(NodeContext context)
    {
        if (!context.Node.Field("whereClause").Is("CurrentOfExpr", out _))
        {
            return;
        }

        var statement = context.Statement;
        var current = statement.FindToken(TokenKind.CURRENT_P, StatementTokens.At(statement, context.Node.Field("relation").Location()));
        while (current >= 0 && (statement.NextToken(current) < 0 || statement.Tokens[statement.NextToken(current)].Kind != TokenKind.OF))
        {
            current = statement.FindToken(TokenKind.CURRENT_P, current + 1);
        }

        var span = current < 0 ? statement.TokenSpanAt(-1) : statement.SpanOfTokens(current, statement.NextToken(current));
        context.Report(span, "WHERE CURRENT OF", "fetch the row's primary key with the cursor and update or delete WHERE key = value");
    }
}
