namespace YbMigrate.Linter.Tests.Rules;

public class ConstraintTriggerRuleTests
{
    [Fact]
    public void Flags_constraint_triggers() =>
        LintAssert.Flags(
            "YB1013",
            """
            CREATE [|CONSTRAINT|] TRIGGER check_balance AFTER INSERT OR UPDATE ON ledger
              DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION check_balance();
            create [|constraint|] trigger check_total after delete on sales.ledger from sales.accounts
              for each row execute procedure check_total();
            """);

    [Fact]
    public void Does_not_flag_ordinary_triggers() =>
        LintAssert.Clean(
            "YB1013",
            """
            CREATE TRIGGER constraint_check AFTER INSERT OR UPDATE ON ledger
              FOR EACH ROW EXECUTE FUNCTION check_balance();
            """);
}
