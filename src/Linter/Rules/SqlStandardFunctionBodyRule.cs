using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Rules;

/// <summary>YB1026: a function or procedure with a SQL-standard body (BEGIN ATOMIC ... END, or RETURN expr).</summary>
public sealed class SqlStandardFunctionBodyRule : SqlRule
{
    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB1026",
        "SQL-standard function body",
        Severity.Error,
        RuleCategory.UnsupportedFeature,
        Availability.Fixed("2.25", "2025.1"),
        "SQL-standard function bodies ({0}) are not supported by this YugabyteDB version: write the body as a string constant, AS $$ ... $$",
        new RuleDocs(
            "`CREATE FUNCTION` / `CREATE PROCEDURE` with a body written in SQL-standard form: `BEGIN ATOMIC ... END` or `RETURN expression`, instead of a quoted string (`AS $$ ... $$`).",
            "SQL-standard bodies arrived in PostgreSQL 14 (pg_dump writes them as they were created). YugabyteDB versions before 2.25 / 2025.1 are based on PostgreSQL 11, which only knows bodies given as strings, so the statement fails.",
            "Rewrite the body as a dollar-quoted string with LANGUAGE sql: `RETURN expr` becomes `AS $$ SELECT expr $$`, and `BEGIN ATOMIC s1; s2; END` becomes `AS $$ s1; s2; $$`. The difference: a string body is checked only when the function runs, not when it is created. Or upgrade to YugabyteDB 2.25 / 2025.1 or later.",
            "CREATE FUNCTION add_tax(amount numeric) RETURNS numeric LANGUAGE sql\n  RETURN amount * 1.2;",
            "CREATE FUNCTION add_tax(amount numeric) RETURNS numeric LANGUAGE sql\n  AS $$ SELECT amount * 1.2 $$;"));

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterNodeAction(Analyze, "CreateFunctionStmt");

    private static void Analyze(NodeContext context)
    {
        var body = context.Node.Field("sql_body");
        if (!body.Has("ReturnStmt") && !body.Has("List"))
        {
            return;
        }

        var statement = context.Statement;
        var isReturn = body.Has("ReturnStmt");
        var start = TopLevelToken(statement, isReturn ? TokenKind.RETURN : TokenKind.BEGIN_P);
        if (start < 0)
        {
            context.Report(statement.TokenSpanAt(-1), isReturn ? "RETURN" : "BEGIN ATOMIC");
            return;
        }

        var end = isReturn ? start : statement.NextToken(start);
        context.Report(statement.SpanOfTokens(start, end < 0 ? start : end), isReturn ? "RETURN" : "BEGIN ATOMIC");
    }

    // The body comes after the parameter list, outside parentheses: a parameter named "return" is not the body.
    private static int TopLevelToken(StatementContext statement, TokenKind kind)
    {
        var depth = 0;
        for (var i = 0; i < statement.Tokens.Count; i++)
        {
            var token = statement.Tokens[i].Kind;
            depth += token == TokenKind.ASCII_40 ? 1 : token == TokenKind.ASCII_41 ? -1 : 0;
            if (depth == 0 && token == kind)
            {
                return i;
            }
        }

        return -1;
    }
}
