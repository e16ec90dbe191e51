namespace YbMigrate.Linter.Tests.Rules;

public class DropIndexConcurrentlyRuleTests
{
    [Fact]
    public void Flags_drop_index_concurrently() =>
        LintAssert.Flags(
            "YB1035",
            """
            DROP INDEX [|CONCURRENTLY|] orders_status_idx;
            drop index [|concurrently|] if exists app.orders_status_idx, app.orders_date_idx;
            """);

    [Fact]
    public void Does_not_flag_plain_drop_index_or_concurrent_index_creation() =>
        LintAssert.Clean(
            "YB1035",
            """
            DROP INDEX orders_status_idx;
            DROP INDEX IF EXISTS app.orders_status_idx CASCADE;
            DROP TABLE concurrently_used;
            """);

    [Fact]
    public void Fix_removes_only_the_keyword() =>
        LintAssert.Fixes(
            "YB1035",
            "-- cleanup\nDROP INDEX CONCURRENTLY /* old */ IF EXISTS orders_status_idx;\n",
            "-- cleanup\nDROP INDEX /* old */ IF EXISTS orders_status_idx;\n");
}
