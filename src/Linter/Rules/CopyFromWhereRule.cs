using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Rules;

/// <summary>YB3010: COPY ... FROM ... WHERE (PostgreSQL 12).</summary>
public sealed class CopyFromWhereRule : SqlRule
{
    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB3010",
        "COPY FROM with a WHERE clause",
        Severity.Error,
        RuleCategory.UnsupportedFeature,
        Availability.Fixed("2.25", "2025.1"),
        "COPY ... FROM ... WHERE is not supported by this YugabyteDB version: load into a staging table and INSERT ... SELECT the wanted rows, or filter the file before loading",
        new RuleDocs(
            "`COPY table FROM ... WHERE condition`, which loads only the rows that satisfy the condition.",
            "The WHERE clause of COPY FROM came with PostgreSQL 12; YugabyteDB releases before 2.25 and 2025.1 are based on PostgreSQL 11 and reject it.",
            "Target 2.25 / 2025.1 or later, or COPY into a staging table and move the wanted rows with `INSERT INTO target SELECT * FROM staging WHERE condition`, or filter the file before loading.",
            "COPY orders FROM '/data/orders.csv' WITH (FORMAT csv) WHERE status <> 'void';",
            "COPY orders_staging FROM '/data/orders.csv' WITH (FORMAT csv);\nINSERT INTO orders SELECT * FROM orders_staging WHERE status <> 'void';"));

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration) => registration.RegisterNodeAction(Analyze, "CopyStmt");

    private static void Analyze(NodeContext context)
    {
        if (!context.Node.Bool("is_from") || !context.Node.Has("whereClause"))
        {
            return;
        }

        // WHERE is reserved and nothing before the condition can hold a subquery: the first WHERE is it.
        var statement = context.Statement;
        var where = statement.FindToken(TokenKind.WHERE);
        context.Report(where < 0 ? statement.TokenSpanAt(-1) : statement.Tokens[where].Span);
    }
}
