using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Rules;

/// <summary>YB1027: UNIQUE NULLS NOT DISTINCT, on a constraint or a unique index.</summary>
public sealed class UniqueNullsNotDistinctRule : SqlRule
{
    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB1027",
        "UNIQUE NULLS NOT DISTINCT",
        Severity.Error,
        RuleCategory.UnsupportedFeature,
        Availability.Fixed("2.25", "2025.1"),
        "NULLS NOT DISTINCT is not supported by this YugabyteDB version: make the columns NOT NULL, or add a unique index on COALESCE(...) of the nullable columns",
        new RuleDocs(
            "`UNIQUE NULLS NOT DISTINCT` on a column or table constraint (in CREATE TABLE or ALTER TABLE ... ADD CONSTRAINT) and `CREATE UNIQUE INDEX ... NULLS NOT DISTINCT`.",
            "NULLS NOT DISTINCT (PostgreSQL 15) makes a unique constraint treat NULLs as equal, so only one row may have a NULL key. YugabyteDB versions before 2.25 / 2025.1 are based on PostgreSQL 11 and reject the clause; removing it silently would let duplicate NULL keys in.",
            "When the columns should never be NULL, declare them NOT NULL and drop the clause. Otherwise index an expression that maps NULL to a value no row uses, e.g. `CREATE UNIQUE INDEX ... (COALESCE(col, ''))`. Or upgrade to YugabyteDB 2.25 / 2025.1 or later.",
            "CREATE TABLE accounts (id bigint PRIMARY KEY, email text UNIQUE NULLS NOT DISTINCT);",
            "CREATE TABLE accounts (id bigint PRIMARY KEY, email text);\nCREATE UNIQUE INDEX accounts_email_key ON accounts ((COALESCE(email, '')));"));

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterNodeAction(Analyze, "Constraint", "IndexStmt");

    private static void Analyze(NodeContext context)
    {
        if (!context.Node.Bool("nulls_not_distinct"))
        {
            return;
        }

        // An index has no location of its own; its NULLS NOT DISTINCT is the only NULLS followed by NOT.
        var statement = context.Statement;
        var from = context.Kind == "Constraint" ? statement.TokenIndexAt(statement.ToSourceOffset(context.Node.Location())) : 0;
        for (var nulls = statement.FindToken(TokenKind.NULLS_P, from < 0 ? 0 : from); nulls >= 0; nulls = statement.FindToken(TokenKind.NULLS_P, nulls + 1))
        {
            var not = statement.NextToken(nulls);
            var distinct = not < 0 ? -1 : statement.NextToken(not);
            if (distinct >= 0 && statement.Tokens[not].Kind == TokenKind.NOT && statement.Tokens[distinct].Kind == TokenKind.DISTINCT)
            {
                context.Report(statement.SpanOfTokens(nulls, distinct));
                return;
            }
        }

        context.Report(statement.TokenSpanAt(context.Node.Location()));
    }
}
