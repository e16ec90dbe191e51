namespace YbMigrate.Linter.Tests.Rules;

public class ForeignKeyToPartitionedTableRuleTests
{
    private const string Orders = "CREATE TABLE orders (id bigint, placed date, PRIMARY KEY (id, placed)) PARTITION BY RANGE (placed);";

    [Fact]
    public void Flags_inline_table_level_and_alter_table_foreign_keys() =>
        LintAssert.Flags(
            "YB1025",
            Orders + """

            CREATE TABLE a (order_id bigint REFERENCES [|orders|] (id), placed date);
            create table b (order_id bigint, placed date, constraint b_fk foreign key (order_id, placed) references [|public.orders|] on delete cascade);
            ALTER TABLE c ADD CONSTRAINT c_fk FOREIGN KEY (order_id, placed) REFERENCES [|orders|] NOT VALID;
            """,
            target: "2024.2");

    [Fact]
    public void Flags_a_referenced_table_declared_in_another_file()
    {
        var findings = LintAssert.Flags(
            "YB1025",
            "ALTER TABLE lines ADD FOREIGN KEY (order_id, placed) REFERENCES [|sales.orders|] (id, placed);",
            target: "2.20",
            "CREATE TABLE sales.orders (id bigint, placed date, PRIMARY KEY (id, placed)) PARTITION BY RANGE (placed);");
        Assert.Contains("sales.orders", findings[0].Message);
    }

    [Fact]
    public void Does_not_flag_references_to_plain_tables_or_partitions_or_from_partitioned_tables() =>
        LintAssert.Clean(
            "YB1025",
            Orders + """

            CREATE TABLE orders_2024 PARTITION OF orders FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
            CREATE TABLE customers (id bigint PRIMARY KEY);
            CREATE TABLE a (id bigint, customer bigint REFERENCES customers, at date) PARTITION BY RANGE (at);
            CREATE TABLE b (order_id bigint, placed date, FOREIGN KEY (order_id, placed) REFERENCES orders_2024);
            """,
            target: "2024.2");

    [Fact]
    public void Does_not_flag_versions_that_support_it() =>
        LintAssert.Clean("YB1025", Orders + "\nCREATE TABLE a (id bigint, placed date, FOREIGN KEY (id, placed) REFERENCES orders);");
}
