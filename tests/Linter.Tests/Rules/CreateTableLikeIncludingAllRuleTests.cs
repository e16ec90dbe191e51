namespace YbMigrate.Linter.Tests.Rules;

public class CreateTableLikeIncludingAllRuleTests
{
    [Fact]
    public void Flags_including_all_also_when_excluding_options_follow() =>
        LintAssert.Flags(
            "YB1032",
            """
            CREATE TABLE orders_archive (LIKE orders [|INCLUDING ALL|]);
            create table app.orders_copy (like app.orders [|including all|] excluding comments, extra text);
            CREATE TABLE two (LIKE a INCLUDING DEFAULTS, LIKE b /* all of it */ [|INCLUDING ALL|]);
            """);

    [Fact]
    public void Names_the_source_table_in_the_message()
    {
        var findings = LintAssert.Flags("YB1032", "CREATE TABLE t (LIKE app.orders [|INCLUDING ALL|]);");
        Assert.Contains("app.orders", findings[0].Message);
    }

    [Fact]
    public void Does_not_flag_like_with_individual_options_or_none() =>
        LintAssert.Clean(
            "YB1032",
            """
            CREATE TABLE a (LIKE orders);
            CREATE TABLE b (LIKE orders INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES);
            CREATE TABLE c (LIKE orders EXCLUDING ALL);
            """);
}
