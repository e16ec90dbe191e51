namespace YbMigrate.Linter.Tests.Rules;

public class AlterColumnSetNDistinctRuleTests
{
    [Fact]
    public void Flags_set_and_reset_of_attribute_options()
    {
        var findings = LintAssert.Flags(
            "YB1005",
            """
            ALTER TABLE orders ALTER COLUMN status [|SET (n_distinct = 5)|];
            alter table only sales.orders alter status [|reset (n_distinct, n_distinct_inherited)|];
            """);
        Assert.Contains("n_distinct, n_distinct_inherited", findings[1].Message);
    }

    [Fact]
    public void Flags_without_fix_when_the_statement_has_other_commands()
    {
        var findings = LintAssert.Flags(
            "YB1005",
            "ALTER TABLE orders ALTER status SET NOT NULL, ALTER COLUMN status [|SET (n_distinct = -0.5)|];");
        Assert.Null(findings[0].Fix);
    }

    [Fact]
    public void Does_not_flag_other_column_settings() =>
        LintAssert.Clean(
            "YB1005",
            """
            ALTER TABLE orders ALTER COLUMN status SET NOT NULL;
            ALTER TABLE orders ALTER COLUMN status SET DEFAULT 'new';
            ALTER TABLE orders ALTER COLUMN status SET STATISTICS 500;
            ALTER TABLE orders SET (fillfactor = 70);
            """);

    [Fact]
    public void Fix_removes_the_statement_and_keeps_the_comment_before_it() =>
        LintAssert.Fixes(
            "YB1005",
            "-- planner hint\nALTER TABLE orders ALTER COLUMN status SET (n_distinct = 5);\nCREATE INDEX ON orders (status);\n",
            "-- planner hint\nCREATE INDEX ON orders (status);\n");
}
