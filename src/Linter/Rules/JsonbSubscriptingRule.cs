using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Rules;

/// <summary>YB3009: jsonb subscripting, <c>col['key']</c> (PostgreSQL 14).</summary>
public sealed class JsonbSubscriptingRule : SqlRule
{
    private static readonly HashSet<string> Comparisons = new() { "=", "<", ">", "<=", ">=", "<>", "!=" };
    private static readonly HashSet<string> Arithmetic = new() { "+", "-", "*", "/", "%", "^" };

    // Parents where "a -> b" can stand without parentheses: lists, clauses and low-precedence operators.
    private static readonly HashSet<string> OpenContexts = new()
    {
        "ResTarget", "FuncCall", "SortBy", "NullTest", "BooleanTest", "BoolExpr", "List", "RowExpr", "A_ArrayExpr",
        "CoalesceExpr", "MinMaxExpr", "CaseExpr", "CaseWhen", "SelectStmt", "UpdateStmt", "DeleteStmt",
    };

    private static readonly Regex PlainIdentifier = new("^[a-z_][a-z0-9_$]*$", RegexOptions.CultureInvariant);

    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB3009",
        "jsonb subscripting",
        Severity.Error,
        RuleCategory.UnsupportedFeature,
        Availability.Fixed("2.25", "2025.1"),
        "Subscripting a jsonb value with [{0}] is not supported by this YugabyteDB version: use the -> operator (-> {0})",
        new RuleDocs(
            "Subscripts with a string key, `payload['customer']['name']`, in expressions and as the target of `UPDATE ... SET payload['status'] = ...`. Array subscripts (`arr[1]`, `arr[1:2]`, `arr[i]`) are not flagged. hstore subscripting (`h['key']`) looks the same and is flagged too; `->` works for it as well.",
            "Subscripting jsonb (and hstore) came with PostgreSQL 14. YugabyteDB releases before 2.25 and 2025.1 are based on PostgreSQL 11 and reject the subscript on these types.",
            "Read with the `->` operator, which returns the same jsonb value: `payload['a']['b']` is `payload -> 'a' -> 'b'`. The automatic fix rewrites reads, adding parentheses where an operator around it would bind differently, and keeps the output column's name in a select list (`payload -> 'a' AS payload`). For assignments, use `jsonb_set(payload, '{status}', '\"paid\"')`; they are not fixed automatically.",
            "SELECT payload['customer']['name'] FROM orders WHERE payload['status'] = '\"paid\"';",
            "SELECT payload -> 'customer' -> 'name' AS payload FROM orders WHERE payload -> 'status' = '\"paid\"';"),
        hasFix: true);

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration)
    {
        registration.RegisterNodeAction(Read, "A_Indirection");
        registration.RegisterNodeAction(Assignment, "ResTarget");
    }

    private static void Read(NodeContext context)
    {
        var subscripts = Subscripts(context.Node.Items("indirection"));
        var statement = context.Statement;
        var brackets = subscripts.Select(s => Brackets(statement, s)).ToList();
        var flagged = subscripts.FindIndex(IsStringKey);
        if (flagged < 0 || brackets[flagged].Open < 0)
        {
            return;
        }

        var span = SubscriptSpan(statement, brackets);
        var fix = subscripts.Count == context.Node.Items("indirection").Count() && brackets.All(b => b.Open >= 0 && b.Close >= 0)
            ? ArrowFix(context, subscripts, brackets)
            : null;
        context.ReportWithFix(span, fix, KeyText(statement, brackets[flagged]));
    }

    private static void Assignment(NodeContext context)
    {
        var parent = context.Parent.Kind;
        if (parent != "UpdateStmt" && parent != "InsertStmt")
        {
            return;
        }

        var subscripts = Subscripts(context.Node.Items("indirection"));
        var flagged = subscripts.FindIndex(IsStringKey);
        var brackets = subscripts.Select(s => Brackets(context.Statement, s)).ToList();
        if (flagged >= 0 && brackets[flagged].Open >= 0)
        {
            context.Report(SubscriptSpan(context.Statement, brackets), KeyText(context.Statement, brackets[flagged]));
        }
    }

    private static List<ParseElement> Subscripts(IEnumerable<ParseElement> indirection) =>
        indirection.Select(i => i.Is("A_Indices", out var indices) ? indices : default).Where(i => i.ValueKind == ElementKind.Object).ToList();

    private static bool IsStringKey(ParseElement indices) =>
        !indices.Bool("is_slice") && indices.Field("uidx").Is("A_Const", out var constant) && constant.Has("sval");

    // The '[' before a subscript and its matching ']', found from any token of the subscript.
    private static (int Open, int Close) Brackets(StatementContext statement, ParseElement indices)
    {
        var inner = indices.Field("uidx").TryUnwrap(out _, out var node) ? StatementTokens.At(statement, node.Location()) : -1;
        var depth = 0;
        var open = -1;
        for (var i = inner; i >= 0 && open < 0; i--)
        {
            depth += Nesting(statement.Tokens[i].Kind);
            open = depth > 0 ? i : -1;
        }

        depth = 0;
        for (var i = open; i >= 0 && i < statement.Tokens.Count; i++)
        {
            depth += Nesting(statement.Tokens[i].Kind);
            if (depth == 0)
            {
                return (open, i);
            }
        }

        return (open, -1);
    }

    private static int Nesting(TokenKind kind) => kind == TokenKind.ASCII_91 ? 1 : kind == TokenKind.ASCII_93 ? -1 : 0;

    private static TextSpan SubscriptSpan(StatementContext statement, List<(int Open, int Close)> brackets)
    {
        var open = brackets.First(b => b.Open >= 0).Open;
        var close = brackets.Select(b => b.Close).DefaultIfEmpty(-1).Max();
        return close < open ? statement.Tokens[open].Span : statement.SpanOfTokens(open, close);
    }

    private static string KeyText(StatementContext statement, (int Open, int Close) brackets)
    {
        var start = statement.Tokens[brackets.Open].Span.End;
        var end = brackets.Close < 0 ? start : statement.Tokens[brackets.Close].Span.Start;
        return statement.Source.Text.Substring(start, end - start).Trim();
    }

    // x['a'][1] -> x -> 'a' -> 1: each '[' becomes " -> ", each ']' goes; parentheses and an alias are
    // added where the context needs them.
    private static Fix? ArrowFix(NodeContext context, List<ParseElement> subscripts, List<(int Open, int Close)> brackets)
    {
        if (!context.Node.Field("arg").Is("ColumnRef", out var column))
        {
            return null;
        }

        var statement = context.Statement;
        var edits = new List<TextEdit>();
        for (var i = 0; i < subscripts.Count; i++)
        {
            var simple = subscripts[i].Field("uidx").TryUnwrap(out var kind, out _) && kind is "A_Const" or "ColumnRef" or "ParamRef";
            edits.Add(new TextEdit(InnerSpace(statement, brackets[i].Open, brackets[i].Open + 1), simple ? " -> " : " -> ("));
            edits.Add(new TextEdit(InnerSpace(statement, brackets[i].Close - 1, brackets[i].Close), simple ? string.Empty : ")"));
        }

        if (NeedsParentheses(context))
        {
            var first = StatementTokens.At(statement, column.Location());
            if (first < 0)
            {
                return null;
            }

            edits.Add(new TextEdit(statement.Tokens[first].Span, "(" + statement.Tokens[first].Text));
            edits[edits.Count - 2] = Append(edits[edits.Count - 2], ")");
        }
        else if (context.Parent.Kind == "ResTarget" && !context.Parent.Node.Has("name"))
        {
            // The output column was named after the column; keep that name.
            var name = PgJson.StringValue(column.Items("fields").LastOrDefault());
            if (name is null)
            {
                return null;
            }

            edits[edits.Count - 1] = Append(edits[edits.Count - 1], " AS " + QuoteIdentifier(name));
        }

        return new Fix("Use the -> operator", edits);
    }

    // The bracket token at one end, with the white space between it and the subscript (comments stay).
    private static TextSpan InnerSpace(StatementContext statement, int left, int right)
    {
        var tokens = statement.Tokens;
        var bracket = tokens[left].Kind == TokenKind.ASCII_91 ? left : right;
        if (statement.NextToken(left) != right)
        {
            return tokens[bracket].Span;
        }

        return bracket == left
            ? new TextSpan(tokens[left].Span.Start, tokens[right].Span.Start - tokens[left].Span.Start)
            : new TextSpan(tokens[left].Span.End, tokens[right].Span.End - tokens[left].Span.End);
    }

    private static TextEdit Append(TextEdit edit, string text) => new(edit.Span, edit.NewText + text);

    private static bool NeedsParentheses(NodeContext context)
    {
        var parent = context.Parent;
        if (OpenContexts.Contains(parent.Kind))
        {
            return false;
        }

        if (parent.Kind != "A_Expr")
        {
            return true;
        }

        var kind = parent.Node.Str("kind");
        var op = parent.Node.Names("name").LastOrDefault() ?? string.Empty;
        if (kind != "AEXPR_OP" && kind != "AEXPR_OP_ANY" && kind != "AEXPR_OP_ALL")
        {
            return false; // IN, LIKE, BETWEEN, IS DISTINCT FROM, NULLIF: all bind looser than ->.
        }

        if (Arithmetic.Contains(op))
        {
            return true;
        }

        // Other operators share ->'s precedence and group to the left: only a right operand needs parentheses.
        var isLeftOperand = parent.Node.Field("lexpr").Is("A_Indirection", out var left) && left.Equals(context.Node);
        return !Comparisons.Contains(op) && kind == "AEXPR_OP" && !isLeftOperand;
    }

    private static string QuoteIdentifier(string name) =>
        PlainIdentifier.IsMatch(name) ? name : "\"" + name.Replace("\"", "\"\"") + "\"";
}
