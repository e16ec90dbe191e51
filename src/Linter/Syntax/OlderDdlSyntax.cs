using System;
using System.Collections.Generic;
using System.Linq;
using YbMigrate.Linter.Engine;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Syntax;

/// <summary>
/// Locating the clauses of older DDL forms (ALTER TABLE sub-commands, REINDEX, ALTER SYSTEM...)
/// in a statement's tokens: most of their parse nodes carry no location, so the span a rule
/// reports is found from the keywords that introduce the clause.
/// </summary>
internal static class OlderDdlSyntax
{
    /// <summary>The ALTER TABLE sub-commands of an AlterTableStmt of <paramref name="subtype"/> (or of <paramref name="otherSubtype"/>).</summary>
    public static IEnumerable<ParseElement> Commands(ParseElement alterTable, string subtype, string? otherSubtype = null) =>
        DdlSyntax.HasCommand(alterTable, subtype, otherSubtype) ? CommandsOf(alterTable, subtype, otherSubtype) : Array.Empty<ParseElement>();

    private static IEnumerable<ParseElement> CommandsOf(ParseElement alterTable, string subtype, string? otherSubtype)
    {
        foreach (var item in alterTable.Items("cmds"))
        {
            if (item.Is("AlterTableCmd", out var command) && command.Str("subtype") is { } actual && (actual == subtype || actual == otherSubtype))
            {
                yield return command;
            }
        }
    }

    /// <summary>
    /// The sub-commands of <paramref name="subtype"/> paired with the clause that wrote each: the n-th
    /// command gets the n-th occurrence of the two keywords (<paramref name="firstKeyword"/> <paramref name="secondKeyword"/>), which only that kind of command
    /// uses (e.g. SET STATISTICS); the statement's first token when the keywords are missing.
    /// </summary>
    public static IEnumerable<(ParseElement Command, TextSpan Span)> CommandClauses(
        StatementContext statement, ParseElement alterTable, string subtype, TokenKind firstKeyword, TokenKind secondKeyword) =>
        DdlSyntax.HasCommand(alterTable, subtype)
            ? CommandClausesOf(statement, alterTable, subtype, new[] { firstKeyword, secondKeyword })
            : Array.Empty<(ParseElement, TextSpan)>();

    private static IEnumerable<(ParseElement Command, TextSpan Span)> CommandClausesOf(
        StatementContext statement, ParseElement alterTable, string subtype, TokenKind[] keywords)
    {
        IReadOnlyList<int>? starts = null; // scanned for the first matching command only
        var n = 0;
        foreach (var command in CommandsOf(alterTable, subtype, null))
        {
            starts ??= FindSequences(statement, keywords);
            var span = n < starts.Count
                ? statement.SpanOfTokens(starts[n], SequenceEnd(statement, starts[n], keywords))
                : statement.TokenSpanAt(-1);
            n++;
            yield return (command, span);
        }
    }

    /// <summary>
    /// The <c>SET (..)</c> / <c>RESET (..)</c> storage-parameter sub-commands of an ALTER TABLE / INDEX /
    /// VIEW statement, with their keyword and the span of the clause.
    /// </summary>
    public static IEnumerable<(string Keyword, ParseElement Options, TextSpan Span)> RelOptionChanges(StatementContext statement, ParseElement alterTable) =>
        DdlSyntax.HasCommand(alterTable, "AT_SetRelOptions", "AT_ResetRelOptions")
            ? RelOptionChangesOf(statement, alterTable)
            : Array.Empty<(string, ParseElement, TextSpan)>();

    private static IEnumerable<(string Keyword, ParseElement Options, TextSpan Span)> RelOptionChangesOf(StatementContext statement, ParseElement alterTable)
    {
        foreach (var command in CommandsOf(alterTable, "AT_SetRelOptions", "AT_ResetRelOptions"))
        {
            var options = command.Field("def").Field("List");
            var first = options.DefElems("items").Select(d => d.Location()).Where(l => l >= 0).DefaultIfEmpty(-1).First();
            var span = first < 0 ? statement.TokenSpanAt(-1) : OptionListClause(statement, first);
            yield return (command.Str("subtype") == "AT_SetRelOptions" ? "SET" : "RESET", options, span);
        }
    }

    /// <summary>
    /// The index of the first token of every occurrence of <paramref name="keywords"/> as consecutive
    /// tokens (comments between them allowed), in source order.
    /// </summary>
    public static IReadOnlyList<int> FindSequences(StatementContext statement, params TokenKind[] keywords)
    {
        var found = new List<int>();
        for (var i = 0; i < statement.Tokens.Count; i++)
        {
            if (SequenceEnd(statement, i, keywords) >= 0)
            {
                found.Add(i);
            }
        }

        return found;
    }

    /// <summary>
    /// The span of the <paramref name="occurrence"/>-th (0-based) occurrence of <paramref name="keywords"/>,
    /// or the statement's first token when there are fewer occurrences.
    /// </summary>
    public static TextSpan SequenceSpan(StatementContext statement, int occurrence, params TokenKind[] keywords)
    {
        var starts = FindSequences(statement, keywords);
        if (occurrence >= starts.Count)
        {
            return statement.TokenSpanAt(-1);
        }

        var start = starts[occurrence];
        return statement.SpanOfTokens(start, SequenceEnd(statement, start, keywords));
    }

    /// <summary>
    /// The span from the SET/RESET keyword of an option list to its closing parenthesis, found from
    /// the location of the list's first option; the option itself when the keyword is not there.
    /// </summary>
    public static TextSpan OptionListClause(StatementContext statement, int firstOptionLocation)
    {
        var option = statement.TokenIndexAt(statement.ToSourceOffset(firstOptionLocation));
        var open = PreviousToken(statement, option);
        var keyword = PreviousToken(statement, open);
        if (option < 0 || open < 0 || keyword < 0 || statement.Tokens[open].Kind != TokenKind.ASCII_40)
        {
            return statement.TokenSpanAt(firstOptionLocation);
        }

        var close = MatchingParenthesis(statement, open);
        return statement.SpanOfTokens(keyword, close < 0 ? option : close);
    }

    /// <summary>
    /// The span of a type name written at <paramref name="typeNameLocation"/> with <paramref name="parts"/>
    /// dotted parts (e.g. <c>public.geometry</c>), without its modifiers or array brackets.
    /// </summary>
    public static TextSpan TypeNameSpan(StatementContext statement, int typeNameLocation, int parts)
    {
        var first = statement.TokenIndexAt(statement.ToSourceOffset(typeNameLocation));
        if (first < 0)
        {
            return statement.TokenSpanAt(typeNameLocation);
        }

        var last = first;
        for (var part = 1; part < parts; part++)
        {
            var dot = statement.NextToken(last);
            var name = statement.NextToken(dot);
            if (dot < 0 || name < 0 || statement.Tokens[dot].Kind != TokenKind.ASCII_46)
            {
                break;
            }

            last = name;
        }

        return statement.SpanOfTokens(first, last);
    }

    /// <summary>The token before <paramref name="index"/>, skipping comments, or -1.</summary>
    public static int PreviousToken(StatementContext statement, int index)
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

    /// <summary>
    /// True for an option value PostgreSQL reads as boolean true; an option written without a value
    /// (<c>WITH (oids)</c>) is true as well.
    /// </summary>
    public static bool IsTrueOption(ParseElement defElem)
    {
        if (!defElem.Has("arg"))
        {
            return true;
        }

        var text = PgJson.DefElemText(defElem)?.ToLowerInvariant();
        return text is "true" or "on" or "yes" or "1" or "t" or "y";
    }

    private static int SequenceEnd(StatementContext statement, int start, TokenKind[] keywords)
    {
        var index = start;
        for (var k = 0; k < keywords.Length; k++)
        {
            if (k > 0)
            {
                index = statement.NextToken(index);
            }

            if (index < 0 || !SameKeyword(statement.Tokens[index].Kind, keywords[k]))
            {
                return -1;
            }
        }

        return index;
    }

    // The scanner may give the parser's look-ahead variants (WITH_LA, NOT_LA) for WITH and NOT.
    private static bool SameKeyword(TokenKind actual, TokenKind expected) =>
        actual == expected
        || (expected == TokenKind.WITH && actual == TokenKind.WITH_LA)
        || (expected == TokenKind.NOT && actual == TokenKind.NOT_LA);

    private static int MatchingParenthesis(StatementContext statement, int open)
    {
        var depth = 0;
        for (var i = open; i < statement.Tokens.Count; i++)
        {
            var kind = statement.Tokens[i].Kind;
            depth += kind == TokenKind.ASCII_40 ? 1 : kind == TokenKind.ASCII_41 ? -1 : 0;
            if (depth == 0)
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsComment(TokenKind kind) => kind is TokenKind.SQL_COMMENT or TokenKind.C_COMMENT;
}
