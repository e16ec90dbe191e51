namespace YbMigrate.Linter.Tests.Rules;

public class AddPrimaryKeyToPartitionedTableRuleTests
{
    private const string Orders = "CREATE TABLE orders (id bigint, region text) PARTITION BY LIST (region);";

    [Fact]
    public void Flags_add_primary_key_and_add_constraint_primary_key() =>
        LintAssert.Flags(
            "YB1016",
            Orders + """

            ALTER TABLE orders ADD [|PRIMARY|] KEY (id, region);
            alter table only public.orders add constraint orders_pkey [|primary|] key (id, region);
            """,
            target: "2.20");

    [Fact]
    public void Flags_a_table_declared_in_another_file()
    {
        var findings = LintAssert.Flags(
            "YB1016",
            "ALTER TABLE sales.orders ADD CONSTRAINT orders_pkey [|PRIMARY|] KEY (id, region);",
            target: "2.20",
            "CREATE TABLE sales.orders (id bigint, region text) PARTITION BY LIST (region);");
        Assert.Contains("sales.orders", findings[0].Message);
    }

    [Fact]
    public void Does_not_flag_plain_tables_partitions_unique_constraints_or_inline_keys() =>
        LintAssert.Clean(
            "YB1016",
            Orders + """

            CREATE TABLE orders_eu PARTITION OF orders FOR VALUES IN ('eu');
            CREATE TABLE plain (id bigint);
            CREATE TABLE keyed (id bigint, region text, PRIMARY KEY (id, region)) PARTITION BY LIST (region);
            ALTER TABLE plain ADD PRIMARY KEY (id);
            ALTER TABLE orders_eu ADD PRIMARY KEY (id, region);
            ALTER TABLE orders ADD CONSTRAINT orders_key UNIQUE (id, region);
            """,
            target: "2.20");

    [Fact]
    public void Does_not_flag_versions_that_support_it()
    {
        const string sql = Orders + "\nALTER TABLE orders ADD PRIMARY KEY (id, region);";
        LintAssert.Clean("YB1016", sql, target: "2024.1");
        LintAssert.Clean("YB1016", sql, target: "2.23");
        LintAssert.Clean("YB1016", sql);
    }
}
