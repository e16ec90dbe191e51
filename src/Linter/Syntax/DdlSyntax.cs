using System;
using System.Collections.Generic;
using System.Linq;
using YbMigrate.Linter.Engine;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Syntax;

/// <summary>
/// Helpers for DDL rules: token navigation for clauses whose parse-tree nodes carry no location (ALTER TABLE
/// sub-commands, WITH (...) option lists, index key lists, constraint attributes), and GIN index recognition.
/// </summary>
internal static class DdlSyntax
{
    /// <summary>The token before <paramref name="index"/>, skipping comments, or -1.</summary>
    public static int PreviousToken(this StatementContext statement, int index)
    {
        for (var i = index - 1; i >= 0; i--)
        {
            if (!IsComment(statement.Tokens[i].Kind))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The index of the token at a parse-tree location, or -1.</summary>
    public static int TokenIndexAtLocation(this StatementContext statement, int byteLocation) =>
        byteLocation < 0 ? -1 : statement.TokenIndexAt(statement.ToSourceOffset(byteLocation));

    /// <summary>The index of the ")" that closes the "(" at <paramref name="open"/>, or -1.</summary>
    public static int MatchingParen(this StatementContext statement, int open)
    {
        if (open < 0 || statement.Tokens[open].Kind != TokenKind.ASCII_40)
        {
            return -1;
        }

        var depth = 0;
        for (var i = open; i < statement.Tokens.Count; i++)
        {
            var kind = statement.Tokens[i].Kind;
            if (kind == TokenKind.ASCII_40)
            {
                depth++;
            }
            else if (kind == TokenKind.ASCII_41 && --depth == 0)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The first token of <paramref name="kind"/> at or after <paramref name="from"/>, at the same parenthesis depth, or -1.</summary>
    public static int FindAtDepth(this StatementContext statement, TokenKind kind, int from)
    {
        var depth = 0;
        for (var i = Math.Max(from, 0); i < statement.Tokens.Count; i++)
        {
            var token = statement.Tokens[i].Kind;
            if (depth == 0 && token == kind)
            {
                return i;
            }

            depth += token == TokenKind.ASCII_40 ? 1 : token == TokenKind.ASCII_41 ? -1 : 0;
            if (depth < 0)
            {
                return -1;
            }
        }

        return -1;
    }

    /// <summary>
    /// The first token of the <paramref name="occurrence"/>-th (0-based) run of consecutive tokens
    /// (comments aside) of the given kinds in the statement, or -1. Locates ALTER TABLE sub-commands.
    /// </summary>
    public static int FindPhrase(this StatementContext statement, int occurrence, params TokenKind[] phrase)
    {
        var seen = 0;
        foreach (var start in StatementTokens(statement))
        {
            if (MatchesPhrase(statement, start, phrase) && seen++ == occurrence)
            {
                return start;
            }
        }

        return -1;
    }

    /// <summary>The index of the last token of a phrase that starts at <paramref name="start"/>.</summary>
    public static int PhraseEnd(this StatementContext statement, int start, int length)
    {
        var end = start;
        for (var i = 1; i < length && end >= 0; i++)
        {
            end = statement.NextToken(end);
        }

        return end;
    }

    /// <summary>
    /// The "WITH" keyword and the closing parenthesis of the <c>WITH (...)</c> list holding
    /// <paramref name="firstOption"/> (a DefElem), or false when the tokens are not where expected.
    /// </summary>
    public static bool TryFindWithClause(this StatementContext statement, ParseElement firstOption, out int withKeyword, out int close)
    {
        withKeyword = close = -1;
        var open = statement.PreviousToken(statement.TokenIndexAtLocation(firstOption.Location()));
        if (open < 0 || statement.Tokens[open].Kind != TokenKind.ASCII_40)
        {
            return false;
        }

        withKeyword = statement.PreviousToken(open);
        close = statement.MatchingParen(open);
        return withKeyword >= 0 && statement.Tokens[withKeyword].Kind is TokenKind.WITH or TokenKind.WITH_LA && close > open;
    }

    /// <summary>
    /// The index key list of a CREATE INDEX statement: the "(" after the table name and its ")".
    /// </summary>
    public static bool TryFindIndexKeyList(this StatementContext statement, ParseElement indexStmt, out int open, out int close)
    {
        open = statement.FindToken(TokenKind.ASCII_40, Math.Max(statement.TokenIndexAtLocation(indexStmt.Field("relation").Location()), 0));
        close = open < 0 ? -1 : statement.MatchingParen(open);
        return close > open;
    }

    /// <summary>The token ranges (first, last) of the comma-separated items between <paramref name="open"/> and <paramref name="close"/>.</summary>
    public static IReadOnlyList<(int First, int Last)> ListItems(this StatementContext statement, int open, int close)
    {
        var items = new List<(int, int)>();
        var first = statement.NextToken(open);
        while (first >= 0 && first < close)
        {
            var comma = statement.FindAtDepth(TokenKind.ASCII_44, first);
            var end = comma < 0 || comma > close ? close : comma;
            items.Add((first, statement.PreviousToken(end)));
            first = end == close ? -1 : statement.NextToken(end);
        }

        return items;
    }

    /// <summary>True for an ALTER TABLE statement with exactly one sub-command (so the whole statement can go).</summary>
    public static bool HasSingleCommand(ParseElement alterTableStmt) => alterTableStmt.Field("cmds").GetArrayLength() == 1;

    /// <summary>
    /// True when an ALTER TABLE statement has a sub-command of <paramref name="subtype"/> (or of
    /// <paramref name="otherSubtype"/>): the rules ask before anything else, since most ALTER TABLE
    /// statements have none of the kind a rule looks for.
    /// </summary>
    public static bool HasCommand(ParseElement alterTableStmt, string subtype, string? otherSubtype = null)
    {
        foreach (var item in alterTableStmt.Items("cmds"))
        {
            if (item.Is("AlterTableCmd", out var command) && command.Str("subtype") is { } actual && (actual == subtype || actual == otherSubtype))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The AlterTableCmd nodes of an ALTER TABLE statement, each with how many earlier commands have the same subtype.</summary>
    public static IEnumerable<(ParseElement Command, string Subtype, int Occurrence)> Commands(ParseElement alterTableStmt)
    {
        var index = 0;
        foreach (var item in alterTableStmt.Items("cmds"))
        {
            if (item.Is("AlterTableCmd", out var command))
            {
                var subtype = command.Str("subtype") ?? string.Empty;
                yield return (command, subtype, CommandsBefore(alterTableStmt, index, subtype));
            }

            index++;
        }
    }

    // Counted again for each command rather than kept in a dictionary: a statement has few commands, and this runs for every ALTER TABLE.
    private static int CommandsBefore(ParseElement alterTableStmt, int end, string subtype)
    {
        var count = 0;
        var index = 0;
        foreach (var item in alterTableStmt.Items("cmds"))
        {
            if (index++ == end)
            {
                break;
            }

            if (item.Is("AlterTableCmd", out var command) && (command.Str("subtype") ?? string.Empty) == subtype)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>True when an IndexStmt uses the gin access method, or ybgin (what YugabyteDB calls it).</summary>
    public static bool IsGinIndex(ParseElement indexStmt) =>
        indexStmt.Str("accessMethod") is { } method
        && (string.Equals(method, "gin", StringComparison.OrdinalIgnoreCase) || string.Equals(method, "ybgin", StringComparison.OrdinalIgnoreCase));

    /// <summary>One fix made of the edits of several.</summary>
    public static Fix Combine(string title, IEnumerable<Fix> fixes) =>
        new(title, fixes.SelectMany(f => f.Edits).ToList());

    private static IEnumerable<int> StatementTokens(StatementContext statement)
    {
        for (var i = 0; i < statement.Tokens.Count; i++)
        {
            var start = statement.Tokens[i].Span.Start;
            if (start >= statement.Span.Start && start < statement.Span.End)
            {
                yield return i;
            }
        }
    }

    private static bool MatchesPhrase(StatementContext statement, int start, TokenKind[] phrase)
    {
        var index = start;
        for (var i = 0; i < phrase.Length; i++)
        {
            if (index < 0 || statement.Tokens[index].Kind != phrase[i])
            {
                return false;
            }

            index = statement.NextToken(index);
        }

        return true;
    }

    private static bool IsComment(TokenKind kind) => kind is TokenKind.SQL_COMMENT or TokenKind.C_COMMENT;
}
