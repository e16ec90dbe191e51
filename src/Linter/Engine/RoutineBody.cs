using System;
using System.Collections.Generic;
using System.Linq;
using YbMigrate.Linter.Syntax;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Engine;

/// <summary>The body of a LANGUAGE sql / plpgsql routine or DO block, found where it stands in the source.</summary>
internal sealed class RoutineBody
{
    private const string DoBlockHead = "CREATE FUNCTION yb_migrate_do_block() RETURNS void LANGUAGE plpgsql AS $yb_migrate_do$";
    private const string DoBlockTail = "$yb_migrate_do$";

    private RoutineBody(string language, string text, int sourceStart, bool exact, bool isDoBlock, string container)
    {
        Language = language;
        Text = text;
        SourceStart = sourceStart;
        Exact = exact;
        IsDoBlock = isDoBlock;
        Container = container;
    }

    /// <summary>"sql" or "plpgsql".</summary>
    public string Language { get; }

    /// <summary>The body, without its quotes.</summary>
    public string Text { get; }

    /// <summary>Source offset of the body's first character (the statement's start when not found).</summary>
    public int SourceStart { get; }

    /// <summary>True when body offsets map one-to-one to the source (dollar quotes, or single quotes with no doubled quote).</summary>
    public bool Exact { get; }

    /// <summary>True for a DO block, false for CREATE FUNCTION / PROCEDURE.</summary>
    public bool IsDoBlock { get; }

    /// <summary>What holds the body, for messages: "DO block" or "function name".</summary>
    public string Container { get; }

    /// <summary>The body of a CreateFunctionStmt or DoStmt when it is SQL or PL/pgSQL; otherwise null.</summary>
    public static RoutineBody? Find(string kind, ParseElement node, StatementContext statement)
    {
        if (kind != "CreateFunctionStmt" && kind != "DoStmt")
        {
            return null;
        }

        var isDoBlock = kind == "DoStmt";
        var options = node.DefElems(isDoBlock ? "args" : "options").ToList();
        var language = options.Where(d => d.Str("defname") == "language").Select(PgJson.DefElemText).FirstOrDefault() ?? (isDoBlock ? "plpgsql" : null);
        var body = options.Where(d => d.Str("defname") == "as").Select(BodyText).FirstOrDefault();
        if (body is null || (language != "sql" && language != "plpgsql"))
        {
            return null;
        }

        var container = isDoBlock ? "DO block" : "function " + string.Join(".", node.Names("funcname"));
        var (start, exact) = Locate(statement, body);
        return new RoutineBody(language!, body, start, exact, isDoBlock, container);
    }

    /// <summary>The exactly located body of the top-level routine statement a node callback is on, or null.</summary>
    public static RoutineBody? FindExact(NodeContext context) =>
        context.IsStatement && context.Statement.Embedded is null && Find(context.Kind, context.Node, context.Statement) is { Exact: true } body
            ? body
            : null;

    /// <summary>The text to give libpg_query's PL/pgSQL parser: the statement, or a DO block wrapped as a function.</summary>
    public string PlpgsqlParseText(StatementContext statement) => IsDoBlock ? DoBlockHead + Text + DoBlockTail : statement.ParseText;

    /// <summary>True when the body parses: as SQL statements, or as a PL/pgSQL block.</summary>
    public bool Parses(StatementContext statement)
    {
        if (Language == "sql")
        {
            using var sql = PgQuery.PgQuery.Parse(Text);
            return sql.Error is null;
        }

        using var plpgsql = PgQuery.PgQuery.ParsePlpgsql(PlpgsqlParseText(statement));
        return plpgsql.Error is null;
    }

    /// <summary>The body's tokens (comments included) positioned in the source, or empty when the body does not scan.</summary>
    public IReadOnlyList<SourceToken> Tokens() =>
        PgQuery.PgQuery.Scan(Text).Tokens
            .Select(t => new SourceToken(t.Kind, new TextSpan(SourceStart + t.Span.Start, t.Span.Length), Text, t.Span.Start))
            .ToList();

    /// <summary>Converts a span of <see cref="Text"/> to a span of the source.</summary>
    public TextSpan ToSource(int bodyOffset, int length) => new(SourceStart + bodyOffset, length);

    private static string? BodyText(ParseElement asClause)
    {
        var arg = asClause.Field("arg");
        return arg.Is("List", out var list) ? list.Items("items").Select(PgJson.StringValue).FirstOrDefault() : PgJson.StringValue(arg);
    }

    private static (int Start, bool Exact) Locate(StatementContext statement, string body)
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
                var tag = text.IndexOf('$', 1) + 1;
                if (tag > 0 && text.Length == body.Length + (2 * tag) && string.CompareOrdinal(text, tag, body, 0, body.Length) == 0)
                {
                    return (token.Span.Start + tag, true);
                }
            }
            else if (text.Length >= 2 && text.Substring(1, text.Length - 2).Replace("''", "'") == body)
            {
                // Quotes doubled inside a single-quoted body shift positions: exact only without them.
                return (token.Span.Start + 1, text.Length - 2 == body.Length);
            }
        }

        return (statement.Span.Start, false);
    }
}
