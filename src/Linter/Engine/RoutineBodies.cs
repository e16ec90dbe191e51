using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
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

    public static IReadOnlyList<EmbeddedSql> Extract(string kind, JsonElement node, StatementContext statement, out PgQueryError? bodyError)
    {
        bodyError = null;
        var options = kind == "DoStmt" ? node.DefElems("args").ToList() : node.DefElems("options").ToList();
        var language = options.Where(d => d.Str("defname") == "language").Select(PgJson.DefElemText).FirstOrDefault() ?? (kind == "DoStmt" ? "plpgsql" : null);
        var asClause = options.FirstOrDefault(d => d.Str("defname") == "as");
        var body = asClause.ValueKind == JsonValueKind.Undefined ? null : BodyText(asClause);
        if (body is null || (language != "plpgsql" && language != "sql"))
        {
            return Array.Empty<EmbeddedSql>();
        }

        var located = Locate(statement, body);
        var container = kind == "DoStmt" ? "DO block" : "function " + string.Join(".", node.Names("funcname"));
        return language == "sql"
            ? SqlBody(body, located, container)
            : PlpgsqlBody(kind, body, statement, located, container, out bodyError);
    }

    private static string? BodyText(JsonElement asClause)
    {
        var arg = asClause.Field("arg");
        if (arg.Is("List", out var list))
        {
            return list.Items("items").Select(PgJson.StringValue).FirstOrDefault();
        }

        return PgJson.StringValue(arg);
    }

    private static IReadOnlyList<EmbeddedSql> SqlBody(string body, LocatedBody located, string container) =>
        PsqlScriptSplitter.Split(body)
            .Where(s => s.Kind == SegmentKind.Statement && s.Span.Length > 0)
            .Select(s => new EmbeddedSql(
                body.Substring(s.Span.Start, s.Span.Length),
                new EmbeddedOrigin(container, located.Start + s.Span.Start, 0, located.Start + s.Span.Start, located.Exact)))
            .ToList();

    private static IReadOnlyList<EmbeddedSql> PlpgsqlBody(string kind, string body, StatementContext statement, LocatedBody located, string container, out PgQueryError? error)
    {
        var functionSql = kind == "DoStmt"
            ? "CREATE FUNCTION yb_migrate_do_block() RETURNS void LANGUAGE plpgsql AS $yb_migrate_do$" + body + "$yb_migrate_do$"
            : statement.ParseText;
        using var parsed = PgQuery.PgQuery.ParsePlpgsql(functionSql);
        if (parsed.Error is not null)
        {
            // libpg_query compiles PL/pgSQL without a catalog, so some valid bodies fail (a cursor
            // variable's type is unknown to it): that is no error of the user's.
            error = NeedsCatalog(parsed.Error) ? null : parsed.Error;
            return StatementsByKeyword(body, located, container);
        }

        error = null;

        var lineStarts = LineStarts(body);
        var found = new List<EmbeddedSql>();
        CollectExpressions(parsed.Functions, null, 0, (statementKind, lineNumber, query) =>
        {
            var embedded = Embed(statementKind, query, body, lineStarts, lineNumber, located, container);
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
    private static IReadOnlyList<EmbeddedSql> StatementsByKeyword(string body, LocatedBody located, string container)
    {
        var found = new List<EmbeddedSql>();
        foreach (var piece in PsqlScriptSplitter.Split(body).Where(s => s.Kind == SegmentKind.Statement && s.Span.Length > 0))
        {
            var text = body.Substring(piece.Span.Start, piece.Span.Length);
            var keyword = PgQuery.PgQuery.Scan(text).Tokens.FirstOrDefault(t => SqlStatementKeywords.Contains(t.Kind));
            if (keyword.Kind != TokenKind.NUL)
            {
                var start = located.Start + piece.Span.Start + keyword.Span.Start;
                found.Add(new EmbeddedSql(text.Substring(keyword.Span.Start), new EmbeddedOrigin(container, start, 0, start, located.Exact)));
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

    private static void CollectExpressions(JsonElement element, string? statementKind, int lineNumber, Action<string?, int, string> onQuery)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                CollectExpressions(item, statementKind, lineNumber, onQuery);
            }

            return;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (PgJson.TryUnwrap(element, out var kind, out var node))
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

    private static EmbeddedSql? Embed(string? statementKind, string query, string body, int[] lineStarts, int lineNumber, LocatedBody located, string container)
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
        var at = Find(body, fragment, searchFrom);
        if (at < 0)
        {
            at = Find(body, fragment, 0);
        }

        var exact = at >= 0 && located.Exact;
        var sourceStart = located.Start + Math.Max(at, 0);
        var anchor = statementKind == "PLpgSQL_stmt_perform" ? PreviousWord(body, Math.Max(at, 0), located.Start) : sourceStart;
        return new EmbeddedSql(parseText, new EmbeddedOrigin(container, sourceStart, prefix, anchor, exact));
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

    private static LocatedBody Locate(StatementContext statement, string body)
    {
        foreach (var token in statement.Tokens)
        {
            if (token.Kind != TokenKind.SCONST)
            {
                continue;
            }

            var text = token.Text;
            if (text.StartsWith("$", StringComparison.Ordinal))
            {
                var tagLength = text.IndexOf('$', 1) + 1;
                if (tagLength > 0 && text.Length >= 2 * tagLength && string.CompareOrdinal(text, tagLength, body, 0, body.Length) == 0 && text.Length - (2 * tagLength) == body.Length)
                {
                    return new LocatedBody(token.Span.Start + tagLength, true);
                }
            }
            else if (text.Length >= 2 && text.Substring(1, text.Length - 2).Replace("''", "'") == body)
            {
                // Quotes doubled inside a single-quoted body shift positions: exact only without them.
                return new LocatedBody(token.Span.Start + 1, text.Length - 2 == body.Length);
            }
        }

        return new LocatedBody(statement.Span.Start, false);
    }

    private readonly struct LocatedBody
    {
        public LocatedBody(int start, bool exact)
        {
            Start = start;
            Exact = exact;
        }

        public int Start { get; }

        public bool Exact { get; }
    }
}
