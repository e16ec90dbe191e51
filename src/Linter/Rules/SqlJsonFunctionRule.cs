using System;
using System.Collections.Generic;
using System.Linq;
using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Rules;

/// <summary>
/// YB3007: the SQL/JSON constructors, query functions and IS JSON predicate (PostgreSQL 16/17).
/// PostgreSQL 15's parser knows none of their special syntax, so most uses arrive as parse errors;
/// calls that happen to parse as plain function calls are found in the tree.
/// </summary>
public sealed class SqlJsonFunctionRule : SqlRule
{
    private const string JsonObject = "json_object";

    private static readonly string[] Functions =
    {
        JsonObject, "json_array", "json_objectagg", "json_arrayagg", "json_exists", "json_query", "json_value", "json_table",
    };

    // Inside JSON_OBJECT( ), any of these (or ABSENT, FORMAT) at the top level means the SQL/JSON form, not json_object(text[]).
    private static readonly HashSet<TokenKind> JsonObjectMarkers = new()
    {
        TokenKind.ASCII_58, TokenKind.VALUE_P, TokenKind.RETURNING, TokenKind.WITH, TokenKind.WITHOUT, TokenKind.ON,
    };

    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB3007",
        "SQL/JSON function or IS JSON predicate",
        Severity.Error,
        RuleCategory.UnsupportedFeature,
        Availability.Never,
        "{0} is SQL/JSON syntax, which YugabyteDB does not support: use the json/jsonb functions instead (json_build_object, json_build_array, json_agg, json_object_agg, jsonb_path_exists, jsonb_path_query_first, jsonb_to_recordset)",
        new RuleDocs(
            "The SQL/JSON constructors `JSON_OBJECT(k : v)` / `JSON_OBJECT(KEY k VALUE v)`, `JSON_ARRAY`, `JSON_OBJECTAGG`, `JSON_ARRAYAGG`, the query functions `JSON_EXISTS`, `JSON_QUERY`, `JSON_VALUE`, `JSON_TABLE`, and the `IS [NOT] JSON` predicate. PostgreSQL's own `json_object(text[])` and `json_object(text[], text[])` functions are not flagged. Most of this syntax does not parse with PostgreSQL 15's grammar: the linter recognises it and reports this rule instead of a syntax error, also inside function bodies (where the syntax error of the body is still reported).",
            "These constructs came with PostgreSQL 16 and 17. YugabyteDB's YSQL is based on PostgreSQL 15 (11 before 2.25 / 2025.1), so the statement is rejected.",
            "Use the equivalent json/jsonb functions: `JSON_OBJECT('a' : x)` is `json_build_object('a', x)`; `JSON_ARRAY(x, y)` is `json_build_array(x, y)`; `JSON_ARRAYAGG(x)` is `json_agg(x)`; `JSON_OBJECTAGG(k : v)` is `json_object_agg(k, v)`; `JSON_EXISTS(j, p)` is `jsonb_path_exists(j, p)`; `JSON_QUERY(j, p)` is `jsonb_path_query_first(j, p)`; `JSON_VALUE(j, p)` is `jsonb_path_query_first(j, p) #>> '{}'`; `JSON_TABLE` becomes `jsonb_to_recordset` or `jsonb_path_query` in a lateral join; `x IS JSON` needs a small function that tries the cast to jsonb.",
            "SELECT JSON_OBJECT('id' : id, 'name' : name) FROM customers WHERE profile IS JSON;",
            "SELECT json_build_object('id', id, 'name', name) FROM customers WHERE is_valid_json(profile);"));

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration)
    {
        // json_object(...) with arguments that parse is PostgreSQL's own function; with none it is SQL/JSON.
        BuiltinFunctionCalls.Register(registration, Functions, call => BuiltinFunctionCalls.BuiltinName(call, out _) != JsonObject || !call.Has("args"));
        registration.RegisterParseErrorAction(ParseError);
        registration.RegisterNodeAction(RoutineBody, "CreateFunctionStmt", "DoStmt");
    }

    private static void ParseError(ParseErrorContext context)
    {
        var found = Recognize(context.Statement.Tokens);
        var at = context.ErrorOffset;
        if (found.Any(c => c.Extent.Start <= at && at < c.Extent.End))
        {
            foreach (var construct in found)
            {
                context.Report(construct.Span, construct.Name);
            }
        }
    }

    // A body with SQL/JSON syntax fails the PL/pgSQL (or SQL) parser as a whole, so the engine cannot
    // walk it: find the constructs in its tokens. A body that parses is walked, and its calls found there.
    private static void RoutineBody(NodeContext context)
    {
        var body = Engine.RoutineBody.FindExact(context);
        if (body is null || body.Text.IndexOf("json", StringComparison.OrdinalIgnoreCase) < 0 || body.Parses(context.Statement))
        {
            return;
        }

        foreach (var construct in Recognize(body.Tokens()))
        {
            context.Report(construct.Span, construct.Name);
        }
    }

    private static List<Construct> Recognize(IReadOnlyList<SourceToken> tokens)
    {
        var code = tokens.Where(t => t.Kind != TokenKind.SQL_COMMENT && t.Kind != TokenKind.C_COMMENT).ToList();
        var found = new List<Construct>();
        for (var i = 0; i < code.Count; i++)
        {
            var construct = IsJsonPredicate(code, i) ?? FunctionCall(code, i);
            if (construct is not null)
            {
                found.Add(construct);
            }
        }

        return found;
    }

    // IS [NOT] JSON: JSON is no keyword in PostgreSQL 15, so it scans as an identifier.
    private static Construct? IsJsonPredicate(List<SourceToken> code, int i)
    {
        if (code[i].Kind != TokenKind.IS)
        {
            return null;
        }

        var json = i + 1 < code.Count && code[i + 1].Kind == TokenKind.NOT ? i + 2 : i + 1;
        if (json >= code.Count || !IsIdentifier(code[json], "json"))
        {
            return null;
        }

        var span = new TextSpan(code[i].Span.Start, code[json].Span.End - code[i].Span.Start);
        return new Construct(json == i + 2 ? "IS NOT JSON" : "IS JSON", span, span);
    }

    private static Construct? FunctionCall(List<SourceToken> code, int i)
    {
        var name = code[i].Kind == TokenKind.IDENT ? code[i].Text.ToLowerInvariant() : null;
        if (name is null || !Functions.Contains(name) || (i > 0 && code[i - 1].Kind == TokenKind.ASCII_46)
            || i + 1 >= code.Count || code[i + 1].Kind != TokenKind.ASCII_40)
        {
            return null;
        }

        var close = ClosingParenthesis(code, i + 1);
        if (name == JsonObject && close != i + 2 && !HasTopLevelMarker(code, i + 1, close))
        {
            return null;
        }

        var end = close < code.Count ? code[close].Span.End : code[code.Count - 1].Span.End;
        return new Construct(name, code[i].Span, new TextSpan(code[i].Span.Start, end - code[i].Span.Start));
    }

    private static bool HasTopLevelMarker(List<SourceToken> code, int open, int close)
    {
        var depth = 0;
        for (var i = open + 1; i < close && i < code.Count; i++)
        {
            depth += Nesting(code[i].Kind);
            if (depth == 0 && (JsonObjectMarkers.Contains(code[i].Kind) || IsIdentifier(code[i], "absent") || IsIdentifier(code[i], "format")))
            {
                return true;
            }
        }

        return false;
    }

    // The index of the parenthesis closing the one at open, or code.Count when it is unbalanced.
    private static int ClosingParenthesis(List<SourceToken> code, int open)
    {
        var depth = 0;
        for (var i = open; i < code.Count; i++)
        {
            depth += Nesting(code[i].Kind);
            if (depth == 0)
            {
                return i;
            }
        }

        return code.Count;
    }

    private static int Nesting(TokenKind kind) => kind switch
    {
        TokenKind.ASCII_40 or TokenKind.ASCII_91 => 1,
        TokenKind.ASCII_41 or TokenKind.ASCII_93 => -1,
        _ => 0,
    };

    private static bool IsIdentifier(SourceToken token, string lowerName) =>
        token.Kind == TokenKind.IDENT && string.Equals(token.Text, lowerName, StringComparison.OrdinalIgnoreCase);

    private sealed class Construct
    {
        public Construct(string name, TextSpan span, TextSpan extent)
        {
            Name = name;
            Span = span;
            Extent = extent;
        }

        public string Name { get; }

        public TextSpan Span { get; }

        public TextSpan Extent { get; }
    }
}
