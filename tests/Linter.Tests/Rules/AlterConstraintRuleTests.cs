namespace YbMigrate.Linter.Tests.Rules;

public class AlterConstraintRuleTests
{
    [Fact]
    public void Flags_alter_constraint()
    {
        var findings = LintAssert.Flags(
            "YB1040",
            """
            ALTER TABLE order_lines [|ALTER CONSTRAINT|] order_lines_order_fk DEFERRABLE INITIALLY DEFERRED;
            alter table only app.order_lines [|alter constraint|] "Lines_FK" not deferrable;
            """);
        Assert.Contains("Lines_FK", findings[1].Message);
    }

    [Fact]
    public void Does_not_flag_adding_dropping_validating_or_renaming_constraints() =>
        LintAssert.Clean(
            "YB1040",
            """
            ALTER TABLE order_lines ADD CONSTRAINT order_lines_order_fk FOREIGN KEY (order_id) REFERENCES orders (id) DEFERRABLE;
            ALTER TABLE order_lines VALIDATE CONSTRAINT order_lines_order_fk;
            ALTER TABLE order_lines RENAME CONSTRAINT order_lines_order_fk TO lines_order_fk;
            ALTER TABLE order_lines DROP CONSTRAINT lines_order_fk;
            ALTER TABLE order_lines ALTER COLUMN qty SET NOT NULL;
            """);
}
