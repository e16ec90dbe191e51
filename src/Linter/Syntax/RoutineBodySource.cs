using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using YbMigrate.Linter.Engine;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Syntax;

/// <summary>The body of a LANGUAGE sql / plpgsql routine or DO block, found where it stands in the source.</summary>
internal sealed class RoutineBodySource
{
    private const string DoBlockHead = "CREATE FUNCTION yb_migrate_do_block() RETURNS void LANGUAGE plpgsql AS $yb_migrate_do$";
    private const string DoBlockTail = "$yb_migrate_do$";

    private RoutineBodySource(string language, string text, int sourceStart, bool isDoBlock)
    {
        Language = language;
        Text = text;
        SourceStart = sourceStart;
        IsDoBlock = isDoBlock;
    }

    /// <summary>"sql" or "plpgsql".</summary>
    public string Language { get; }

    /// <summary>The body, without its quotes.</summary>
    public string Text { get; }

    /// <summary>Source offset of the body's first character.</summary>
    public int SourceStart { get; }

    /// <summary>True for a DO block, false for CREATE FUNCTION / PROCEDURE.</summary>
    public bool IsDoBlock { get; }

    /// <summary>
    /// The body of the CREATE FUNCTION / DO statement in <paramref name="context"/>, when it is SQL or
    /// PL/pgSQL written so that body offsets map one-to-one to the source (dollar quotes, or single
    /// quotes with no doubled quote inside); otherwise null.
    /// </summary>
    public static RoutineBodySource? Find(NodeContext context)
    {
        if (!context.IsStatement || context.Statement.Embedded is not null || (context.Kind != "CreateFunctionStmt" && context.Kind != "DoStmt"))
        {
            return null;
        }

        var isDoBlock = context.Kind == "DoStmt";
        var options = context.Node.DefElems(isDoBlock ? "args" : "options").ToList();
        var language = options.Where(d => d.Str("defname") == "language").Select(PgJson.DefElemText).FirstOrDefault() ?? (isDoBlock ? "plpgsql" : null);
        var body = options.Where(d => d.Str("defname") == "as").Select(BodyText).FirstOrDefault();
        if (body is null || (language != "sql" && language != "plpgsql"))
        {
            return null;
        }

        var start = Locate(context.Statement.Tokens, body);
        return start < 0 ? null : new RoutineBodySource(language, body, start, isDoBlock);
    }

    /// <summary>True when the body parses: as SQL statements, or as a PL/pgSQL block (which checks its SQL too).</summary>
    public bool Parses(StatementContext statement)
    {
        if (Language == "sql")
        {
            using var sql = PgQuery.PgQuery.Parse(Text);
            return sql.Error is null;
        }

        using var plpgsql = PgQuery.PgQuery.ParsePlpgsql(IsDoBlock ? DoBlockHead + Text + DoBlockTail : statement.ParseText);
        return plpgsql.Error is null;
    }

    /// <summary>The body's tokens (comments included) positioned in the source, or empty when the body does not scan.</summary>
    public IReadOnlyList<SourceToken> Tokens()
    {
        var scan = PgQuery.PgQuery.Scan(Text);
        return scan.Tokens
            .Select(t => new SourceToken(t.Kind, new TextSpan(SourceStart + t.Span.Start, t.Span.Length), Text, t.Span.Start))
            .ToList();
    }

    /// <summary>Converts a span of <see cref="Text"/> to a span of the source.</summary>
    public TextSpan ToSource(int bodyOffset, int length) => new(SourceStart + bodyOffset, length);

    private static string? BodyText(JsonElement asClause)
    {
        var arg = asClause.Field("arg");
        return arg.Is("List", out var list) ? list.Items("items").Select(PgJson.StringValue).FirstOrDefault() : PgJson.StringValue(arg);
    }

    private static int Locate(IReadOnlyList<SourceToken> tokens, string body)
    {
        foreach (var token in tokens.Where(t => t.Kind == TokenKind.SCONST))
        {
            var text = token.Text;
            var quote = text.StartsWith("$", StringComparison.Ordinal) ? text.IndexOf('$', 1) + 1 : text.StartsWith("'", StringComparison.Ordinal) ? 1 : 0;
            if (quote > 0 && text.Length == body.Length + (2 * quote) && string.CompareOrdinal(text, quote, body, 0, body.Length) == 0)
            {
                return token.Span.Start + quote;
            }
        }

        return -1;
    }
}
