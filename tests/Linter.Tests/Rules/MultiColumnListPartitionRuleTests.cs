namespace YbMigrate.Linter.Tests.Rules;

public class MultiColumnListPartitionRuleTests
{
    [Fact]
    public void Flags_list_partitioning_on_two_columns()
    {
        var findings = LintAssert.Flags(
            "YB1018",
            "CREATE TABLE sales (id bigint, country text, channel text) PARTITION BY LIST ([|country, channel|]);");
        Assert.Contains("2 keys", findings[0].Message);
    }

    [Fact]
    public void Flags_lower_case_qualified_and_mixed_expression_keys() =>
        LintAssert.Flags(
            "YB1018",
            """
            create table s.sales (a text, b text, c int) partition by list ([|a collate "C", lower(b), (c + 1)|]);
            """);

    [Fact]
    public void Does_not_flag_single_column_list_or_multi_column_range_and_hash() =>
        LintAssert.Clean(
            "YB1018",
            """
            CREATE TABLE a (country text, channel text) PARTITION BY LIST (country);
            CREATE TABLE b (country text, channel text) PARTITION BY LIST ((country || ':' || channel));
            CREATE TABLE c (x int, y int) PARTITION BY RANGE (x, y);
            CREATE TABLE d (x int, y int) PARTITION BY HASH (x, y);
            """);
}
