namespace YbMigrate.Linter.Tests.Rules;

public class TwoPhaseCommitRuleTests
{
    // No function-body test: PostgreSQL itself refuses these statements inside a function (they
    // cannot run in a transaction block), so they only appear in scripts and application SQL.
    [Fact]
    public void Flags_the_two_phase_commit_statements() =>
        LintAssert.Flags(
            "YB3017",
            """
            BEGIN;
            UPDATE accounts SET balance = balance - 10 WHERE id = 1;
            [|PREPARE TRANSACTION|] 'transfer-42';
            [|COMMIT PREPARED|] 'transfer-42';
            [|rollback /* undo */ prepared|] 'transfer-43';
            """);

    [Fact]
    public void Does_not_flag_prepared_statements_or_plain_transactions() =>
        LintAssert.Clean(
            "YB3017",
            """
            PREPARE find_account (int) AS SELECT * FROM accounts WHERE id = $1;
            EXECUTE find_account(1);
            BEGIN;
            COMMIT;
            ROLLBACK;
            """);
}
