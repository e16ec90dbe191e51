using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;

namespace YbMigrate.Linter.Rules;

/// <summary>YB3017: two-phase commit (PREPARE TRANSACTION, COMMIT PREPARED, ROLLBACK PREPARED).</summary>
public sealed class TwoPhaseCommitRule : SqlRule
{
    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB3017",
        "Two-phase commit",
        Severity.Error,
        RuleCategory.UnsupportedFeature,
        Availability.Never,
        "{0} (two-phase commit) is not supported by YugabyteDB: commit the transaction directly, and coordinate with other systems in the application (outbox table, idempotent retries)",
        new RuleDocs(
            "The two-phase commit statements `PREPARE TRANSACTION 'id'`, `COMMIT PREPARED 'id'` and `ROLLBACK PREPARED 'id'` (usually issued by an XA transaction manager).",
            "YugabyteDB's distributed transactions have no prepared (in-doubt) state that survives the session, so the statements are rejected. Transaction managers that use XA against PostgreSQL need another strategy.",
            "Commit with a plain `COMMIT`. To keep another system consistent with the database, use the outbox pattern (write the message to a table in the same transaction, deliver it afterwards) and idempotent consumers instead of XA.",
            "BEGIN;\nUPDATE accounts SET balance = balance - 10 WHERE id = 1;\nPREPARE TRANSACTION 'transfer-42';\nCOMMIT PREPARED 'transfer-42';",
            "BEGIN;\nUPDATE accounts SET balance = balance - 10 WHERE id = 1;\nINSERT INTO outbox (event) VALUES ('transfer-42');\nCOMMIT;"));

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration) => registration.RegisterNodeAction(Analyze, "TransactionStmt");

    private static void Analyze(NodeContext context)
    {
        var what = context.Node.Str("kind") switch
        {
            "TRANS_STMT_PREPARE" => "PREPARE TRANSACTION",
            "TRANS_STMT_COMMIT_PREPARED" => "COMMIT PREPARED",
            "TRANS_STMT_ROLLBACK_PREPARED" => "ROLLBACK PREPARED",
            _ => null,
        };
        if (what is not null)
        {
            context.Report(StatementTokens.Leading(context.Statement, 2), what);
        }
    }
}
