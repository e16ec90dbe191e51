namespace YbMigrate.Linter.Tests.Rules;

public class AlterColumnSetStatisticsRuleTests
{
    [Fact]
    public void Flags_set_statistics_on_table_and_index_columns()
    {
        var findings = LintAssert.Flags(
            "YB1037",
            """
            ALTER TABLE orders ALTER COLUMN customer_id [|SET STATISTICS|] 1000;
            alter table only app.orders alter status [|set statistics|] -1, alter "Total" [|set statistics|] 500;
            ALTER INDEX orders_expr_idx ALTER COLUMN 1 [|SET STATISTICS|] 200;
            """);
        Assert.Contains("\"Total\"", findings[2].Message);
        Assert.Contains("number 1", findings[3].Message);
    }

    [Fact]
    public void Does_not_flag_other_column_changes_or_a_column_named_statistics() =>
        LintAssert.Clean(
            "YB1037",
            """
            ALTER TABLE orders ALTER COLUMN statistics SET NOT NULL;
            ALTER TABLE orders ALTER COLUMN status SET DEFAULT 'new';
            ALTER TABLE orders ADD COLUMN statistics jsonb;
            """);
}
