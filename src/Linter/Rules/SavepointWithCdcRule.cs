using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;

namespace YbMigrate.Linter.Rules;

/// <summary>YB3019: SAVEPOINT, whose rolled-back work older YugabyteDB versions may still stream through change data capture.</summary>
public sealed class SavepointWithCdcRule : SqlRule
{
    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB3019",
        "SAVEPOINT with change data capture",
        Severity.Info,
        RuleCategory.Caveat,
        Availability.Fixed("2024.2.8", "2025.1.4", "2025.2.2"),
        "SAVEPOINT: if change data capture streams this table, this YugabyteDB version can emit changes that were rolled back to the savepoint; upgrade to 2024.2.8 / 2025.1.4 / 2025.2.2 or later, or make consumers tolerate them",
        new RuleDocs(
            "`SAVEPOINT name` statements (and so every `ROLLBACK TO SAVEPOINT` that follows them).",
            "Savepoints work on YugabyteDB, but before 2024.2.8, 2025.1.4 and 2025.2.2 the change data capture stream could include writes that the transaction later rolled back to a savepoint: a consumer replicating the changes would apply rows that were never committed. Without CDC there is nothing to worry about.",
            "Upgrade to a release with the fix (2024.2.8, 2025.1.4, 2025.2.2 or later) when you use CDC, or avoid rolling back to savepoints in transactions on streamed tables (validate before writing), or make consumers check the rows against the database.",
            "BEGIN;\nINSERT INTO orders VALUES (1, 'new');\nSAVEPOINT before_lines;\nINSERT INTO order_lines VALUES (1, 1, 'bad');\nROLLBACK TO SAVEPOINT before_lines;\nCOMMIT;",
            "BEGIN;\nINSERT INTO orders VALUES (1, 'new');\n-- validate the lines first, then insert only the good ones\nINSERT INTO order_lines VALUES (1, 1, 'ok');\nCOMMIT;"));

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterNodeAction(
            context =>
            {
                if (context.Node.Str("kind") == "TRANS_STMT_SAVEPOINT")
                {
                    context.Report(StatementTokens.Leading(context.Statement, 1));
                }
            },
            "TransactionStmt");
}
