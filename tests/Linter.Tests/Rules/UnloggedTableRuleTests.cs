namespace YbMigrate.Linter.Tests.Rules;

public class UnloggedTableRuleTests
{
    [Fact]
    public void Flags_unlogged_table_before_2024_2() =>
        LintAssert.Flags("YB1002", "CREATE [|UNLOGGED|] TABLE cache (id int PRIMARY KEY);", target: "2024.1");

    [Fact]
    public void Flags_unlogged_create_table_as() =>
        LintAssert.Flags("YB1002", "CREATE [|unlogged|] TABLE snapshot AS SELECT * FROM orders;", target: "2.20");

    [Fact]
    public void Does_not_flag_a_logged_table_or_a_version_that_supports_it()
    {
        LintAssert.Clean("YB1002", "CREATE TABLE cache (id int PRIMARY KEY);", target: "2024.1");
        LintAssert.Clean("YB1002", "CREATE UNLOGGED TABLE cache (id int PRIMARY KEY);");
        LintAssert.Clean("YB1002", "CREATE UNLOGGED TABLE cache (id int PRIMARY KEY);", target: "2.25");
    }

    [Fact]
    public void Fix_removes_only_the_keyword_and_keeps_comments() =>
        LintAssert.Fixes(
            "YB1002",
            "-- session cache\nCREATE UNLOGGED TABLE /* hot */ cache (id int PRIMARY KEY);\n",
            "-- session cache\nCREATE TABLE /* hot */ cache (id int PRIMARY KEY);\n",
            target: "2024.1");
}
