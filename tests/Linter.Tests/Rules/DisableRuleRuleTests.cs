namespace YbMigrate.Linter.Tests.Rules;

public class DisableRuleRuleTests
{
    [Fact]
    public void Flags_disable_rule()
    {
        var findings = LintAssert.Flags(
            "YB1007",
            """
            ALTER TABLE orders [|DISABLE RULE|] orders_archive_rule;
            alter table if exists sales.orders [|disable rule|] "Archive", ADD COLUMN note text;
            """);
        Assert.Contains("\"Archive\"", findings[1].Message);
    }

    [Fact]
    public void Does_not_flag_other_rule_and_trigger_commands() =>
        LintAssert.Clean(
            "YB1007",
            """
            CREATE RULE orders_archive_rule AS ON DELETE TO orders DO INSTEAD NOTHING;
            ALTER TABLE orders DISABLE TRIGGER orders_audit;
            DROP RULE orders_archive_rule ON orders;
            """);
}
