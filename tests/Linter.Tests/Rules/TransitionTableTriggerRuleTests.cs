namespace YbMigrate.Linter.Tests.Rules;

public class TransitionTableTriggerRuleTests
{
    [Fact]
    public void Flags_triggers_with_transition_tables()
    {
        var findings = LintAssert.Flags(
            "YB1014",
            """
            CREATE TRIGGER orders_audit AFTER UPDATE ON orders
              [|REFERENCING|] OLD TABLE AS before_rows NEW TABLE AS after_rows
              FOR EACH STATEMENT EXECUTE FUNCTION audit_orders();
            create trigger orders_ins after insert on sales.orders [|referencing|] new table inserted
              for each statement execute function audit_inserts();
            """);
        Assert.Contains("OLD TABLE before_rows, NEW TABLE after_rows", findings[0].Message);
    }

    [Fact]
    public void Does_not_flag_row_triggers() =>
        LintAssert.Clean(
            "YB1014",
            """
            CREATE TRIGGER orders_audit AFTER UPDATE ON orders
              FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION audit_orders_row();
            CREATE TRIGGER orders_stmt AFTER TRUNCATE ON orders FOR EACH STATEMENT EXECUTE FUNCTION note_truncate();
            """);
}
