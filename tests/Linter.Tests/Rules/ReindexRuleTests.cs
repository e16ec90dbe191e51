namespace YbMigrate.Linter.Tests.Rules;

public class ReindexRuleTests
{
    [Fact]
    public void Flags_every_form_of_reindex()
    {
        var findings = LintAssert.Flags(
            "YB1034",
            """
            [|REINDEX|] TABLE orders;
            [|reindex|] index concurrently app.orders_pkey;
            [|REINDEX|] (VERBOSE) SCHEMA app;
            [|REINDEX|] DATABASE shop;
            [|REINDEX|] SYSTEM shop;
            """);
        Assert.Contains("REINDEX TABLE", findings[0].Message);
        Assert.Contains("REINDEX SYSTEM", findings[4].Message);
    }

    [Fact]
    public void Flags_reindex_in_a_sql_function_body() =>
        LintAssert.Flags(
            "YB1034",
            "CREATE FUNCTION maintain() RETURNS void LANGUAGE sql AS $$ [|REINDEX|] TABLE orders $$;");

    [Fact]
    public void Does_not_flag_index_creation_or_analyze() =>
        LintAssert.Clean(
            "YB1034",
            """
            CREATE INDEX orders_customer_idx ON orders (customer_id);
            ANALYZE orders;
            SELECT reindex FROM maintenance_log;
            """);
}
