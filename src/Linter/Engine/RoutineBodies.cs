using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using YbMigrate.Linter.Scripts;
using YbMigrate.Linter.Syntax;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Engine;

/// <summary>SQL found inside a routine body, ready to parse, with where it sits in the source.</summary>
internal sealed class EmbeddedSql
{
    public EmbeddedSql(string parseText, EmbeddedOrigin origin)
    {
        ParseText = parseText;
        Origin = origin;
    }

    public string ParseText { get; }

    public EmbeddedOrigin Origin { get; }
}

/// <summary>
/// Finds the SQL inside function bodies and DO blocks: the statements of LANGUAGE sql bodies,
/// and every query and expression of PL/pgSQL bodies (through libpg_query's PL/pgSQL parser),
/// each located in the source so findings point into the body.
/// </summary>
internal static class RoutineBodies
{
    private const string SelectPrefix = "SELECT ";
    private static readonly Regex AssignmentTarget = new(@"^\s*[\w"".$]+(\s*\[[^\]]*\])*\s*:?=\s*", RegexOptions.CultureInvariant);
    private static readonly Regex StatementStart = new(@"^\s*(SELECT|WITH|INSERT|UPDATE|DELETE|VALUES|TABLE|MERGE)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    public static IReadOnlyList<EmbeddedSql> Extract(string kind, ParseElement node, StatementContext statement, out PgQueryError? bodyError)
    {
        bodyError = null;
        var body = RoutineBody.Find(kind, node, statement);
        if (body is null)
        {
            return Array.Empty<EmbeddedSql>();
        }

        return body.Language == "sql" ? SqlBody(body) : PlpgsqlBody(body, statement, out bodyError);
    }

    private static IReadOnlyList<EmbeddedSql> SqlBody(RoutineBody body) =>
        PsqlScriptSplitter.Split(body.Text)
            .Where(s => s.Kind == SegmentKind.Statement && s.Span.Length > 0)
            .Select(s => new EmbeddedSql(
                body.Text.Substring(s.Span.Start, s.Span.Length),
                new EmbeddedOrigin(body.Container, body.SourceStart + s.Span.Start, 0, body.SourceStart + s.Span.Start, body.Exact)))
            .ToList();

    private static IReadOnlyList<EmbeddedSql> PlpgsqlBody(RoutineBody body, StatementContext statement, out PgQueryError? error)
    {
        using var parsed = PgQuery.PgQuery.ParsePlpgsql(body.PlpgsqlParseText(statement));
        if (parsed.Error is not null)
        {
            // libpg_query compiles PL/pgSQL without a catalog, so some valid bodies fail (a cursor
            // variable's type is unknown to it): that is no error of the user's.
            error = NeedsCatalog(parsed.Error) ? null : parsed.Error;
            return StatementsByKeyword(body);
        }

        error = null;

        var lineStarts = LineStarts(body.Text);
        var found = new List<EmbeddedSql>();
        CollectExpressions(parsed.Functions, null, 0, (statementKind, lineNumber, query) =>
        {
            var embedded = Embed(statementKind, query, body, lineStarts, lineNumber);
            if (embedded is not null)
            {
                found.Add(embedded);
            }
        });
        return found;
    }

    private static bool NeedsCatalog(PgQueryError error) =>
        error.Message.IndexOf("must be of type cursor or refcursor", StringComparison.Ordinal) >= 0;

    /// <summary>
    /// When the PL/pgSQL parser cannot read a body, its SQL is still found piece by piece: each
    /// semicolon-separated piece from its first SQL statement keyword on (pieces that then do not
    /// parse are left alone).
    /// </summary>
    private static IReadOnlyList<EmbeddedSql> StatementsByKeyword(RoutineBody body)
    {
        var found = new List<EmbeddedSql>();
        foreach (var piece in PsqlScriptSplitter.Split(body.Text).Where(s => s.Kind == SegmentKind.Statement && s.Span.Length > 0))
        {
            var text = body.Text.Substring(piece.Span.Start, piece.Span.Length);
            var keyword = PgQuery.PgQuery.Scan(text).Tokens.FirstOrDefault(t => SqlStatementKeywords.Contains(t.Kind));
            if (keyword.Kind != TokenKind.NUL)
            {
                var start = body.SourceStart + piece.Span.Start + keyword.Span.Start;
                found.Add(new EmbeddedSql(text.Substring(keyword.Span.Start), new EmbeddedOrigin(body.Container, start, 0, start, body.Exact)));
            }
        }

        return found;
    }

    private static readonly HashSet<TokenKind> SqlStatementKeywords = new()
    {
        TokenKind.SELECT, TokenKind.INSERT, TokenKind.UPDATE, TokenKind.DELETE_P, TokenKind.WITH, TokenKind.MERGE,
        TokenKind.CREATE, TokenKind.ALTER, TokenKind.DROP, TokenKind.COPY, TokenKind.NOTIFY, TokenKind.LISTEN,
        TokenKind.UNLISTEN, TokenKind.TRUNCATE, TokenKind.LOCK_P, TokenKind.REINDEX, TokenKind.CLUSTER,
    };

    private static void CollectExpressions(ParseElement element, string? statementKind, int lineNumber, Action<string?, int, string> onQuery)
    {
        if (element.ValueKind == ElementKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                CollectExpressions(item, statementKind, lineNumber, onQuery);
            }

            return;
        }

        if (element.ValueKind != ElementKind.Object)
        {
            return;
        }

        if (element.TryUnwrap(out var kind, out var node))
        {
            if (kind == "PLpgSQL_expr")
            {
                var query = node.Str("query");
                if (query is not null)
                {
                    onQuery(statementKind, lineNumber, query);
                }

                return;
            }

            if (kind.StartsWith("PLpgSQL_stmt_", StringComparison.Ordinal))
            {
                statementKind = kind;
                lineNumber = node.Int("lineno", lineNumber);
            }

            element = node;
        }

        foreach (var field in element.EnumerateObject())
        {
            CollectExpressions(field.Value, statementKind, lineNumber, onQuery);
        }
    }

    private static EmbeddedSql? Embed(string? statementKind, string query, RoutineBody body, int[] lineStarts, int lineNumber)
    {
        // Work out the SQL text to parse and the part of it that stands in the body verbatim:
        // SQL statements (execsql) as they are, expressions and PERFORM behind a synthetic SELECT.
        string parseText;
        string fragment;
        int prefix;
        if (statementKind == "PLpgSQL_stmt_perform" && query.StartsWith(SelectPrefix, StringComparison.Ordinal))
        {
            fragment = query.Substring(SelectPrefix.Length);
            parseText = query;
            prefix = SelectPrefix.Length;
        }
        else if (statementKind == "PLpgSQL_stmt_execsql" || StatementStart.IsMatch(query))
        {
            fragment = parseText = query;
            prefix = 0;
        }
        else
        {
            fragment = statementKind == "PLpgSQL_stmt_assign" ? AssignmentTarget.Replace(query, string.Empty, 1) : query;
            parseText = SelectPrefix + fragment;
            prefix = SelectPrefix.Length;
        }

        var searchFrom = lineNumber >= 1 && lineNumber <= lineStarts.Length ? lineStarts[lineNumber - 1] : 0;
        var at = Find(body.Text, fragment, searchFrom);
        if (at < 0)
        {
            at = Find(body.Text, fragment, 0);
        }

        var exact = at >= 0 && body.Exact;
        var sourceStart = body.SourceStart + Math.Max(at, 0);
        var anchor = statementKind == "PLpgSQL_stmt_perform" ? PreviousWord(body.Text, Math.Max(at, 0), body.SourceStart) : sourceStart;
        return new EmbeddedSql(parseText, new EmbeddedOrigin(body.Container, sourceStart, prefix, anchor, exact));
    }

    private static int PreviousWord(string body, int at, int bodyStart)
    {
        var i = at - 1;
        while (i >= 0 && char.IsWhiteSpace(body[i]))
        {
            i--;
        }

        while (i > 0 && char.IsLetter(body[i - 1]))
        {
            i--;
        }

        return bodyStart + Math.Max(i, 0);
    }

    // The PL/pgSQL parser blanks INTO clauses with spaces: a space in the fragment matches anything.
    private static int Find(string body, string fragment, int from)
    {
        var trimmed = fragment.TrimStart();
        var lead = fragment.Length - trimmed.Length;
        if (trimmed.Length == 0)
        {
            return -1;
        }

        var first = trimmed[0];
        for (var at = body.IndexOf(first, from); at >= 0; at = at + 1 < body.Length ? body.IndexOf(first, at + 1) : -1)
        {
            if (Matches(body, at, trimmed))
            {
                return at - lead;
            }
        }

        return -1;
    }

    private static bool Matches(string body, int at, string fragment)
    {
        if (at + fragment.Length > body.Length)
        {
            return false;
        }

        for (var i = 0; i < fragment.Length; i++)
        {
            if (fragment[i] != body[at + i] && fragment[i] != ' ')
            {
                return false;
            }
        }

        return true;
    }

    private static int[] LineStarts(string body)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }

        return starts.ToArray();
    }
}
