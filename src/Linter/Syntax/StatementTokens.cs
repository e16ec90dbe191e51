using YbMigrate.Linter.Engine;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Syntax;

/// <summary>Finding keywords in a statement's tokens, for nodes that carry no location of their own.</summary>
internal static class StatementTokens
{
    /// <summary>The index of the statement's first token that is not a comment, or -1.</summary>
    public static int First(StatementContext statement)
    {
        var index = statement.TokenIndexAt(statement.Span.Start);
        if (index < 0)
        {
            return -1;
        }

        var kind = statement.Tokens[index].Kind;
        return kind == TokenKind.SQL_COMMENT || kind == TokenKind.C_COMMENT ? statement.NextToken(index) : index;
    }

    /// <summary>The span of the statement's first <paramref name="count"/> tokens (comments skipped), e.g. "COMMIT PREPARED".</summary>
    public static TextSpan Leading(StatementContext statement, int count)
    {
        var first = First(statement);
        if (first < 0)
        {
            return statement.TokenSpanAt(-1);
        }

        var last = first;
        for (var i = 1; i < count && statement.NextToken(last) >= 0; i++)
        {
            last = statement.NextToken(last);
        }

        return statement.SpanOfTokens(first, last);
    }

    /// <summary>The index of the nearest token of <paramref name="kind"/> at or before <paramref name="index"/>, or -1.</summary>
    public static int Previous(StatementContext statement, TokenKind kind, int index)
    {
        for (var i = index; i >= 0; i--)
        {
            if (statement.Tokens[i].Kind == kind)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The index of the token at a parse-tree location, or -1.</summary>
    public static int At(StatementContext statement, int byteLocation) =>
        byteLocation < 0 ? -1 : statement.TokenIndexAt(statement.ToSourceOffset(byteLocation));
}
