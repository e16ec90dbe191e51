namespace YbMigrate.Linter.Tests.Rules;

public class PartitionKeyMissingFromPrimaryKeyRuleTests
{
    [Fact]
    public void Flags_inline_primary_key_without_the_partition_column()
    {
        var findings = LintAssert.Flags(
            "YB1019",
            "CREATE TABLE orders (id bigint [|PRIMARY|] KEY, placed date) PARTITION BY RANGE (placed);");
        Assert.Contains("\"placed\"", findings[0].Message);
        Assert.Contains("PostgreSQL", findings[0].Message);
    }

    [Fact]
    public void Flags_table_constraints_in_any_case_and_lists_every_missing_column()
    {
        var findings = LintAssert.Flags(
            "YB1019",
            """
            create table s.m (a int, b int, c int, constraint m_pk [|primary|] key (a), [|UNIQUE|] (a, b)) partition by range (b, c);
            """);
        Assert.Contains("\"b\", \"c\"", findings[0].Message);
        Assert.Contains("\"c\"", findings[1].Message);
    }

    [Fact]
    public void Flags_keys_added_by_alter_table_or_unique_index_in_another_file() =>
        LintAssert.Flags(
            "YB1019",
            """
            ALTER TABLE orders ADD CONSTRAINT orders_pkey [|PRIMARY|] KEY (id);
            ALTER TABLE orders ADD [|UNIQUE|] (code);
            CREATE [|UNIQUE|] INDEX orders_code_idx ON orders (code, (placed::text));
            """,
            target: null,
            "CREATE TABLE orders (id bigint, code text, placed date) PARTITION BY RANGE (placed);");

    [Fact]
    public void Does_not_flag_keys_with_the_partition_columns_or_other_tables() =>
        LintAssert.Clean(
            "YB1019",
            """
            CREATE TABLE orders (id bigint, placed date, PRIMARY KEY (id, placed), UNIQUE (placed, id)) PARTITION BY RANGE (placed);
            CREATE TABLE orders_2024 PARTITION OF orders (PRIMARY KEY (id, placed)) FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
            CREATE UNIQUE INDEX orders_key ON orders (placed, id);
            CREATE INDEX orders_id_idx ON orders (id);
            CREATE TABLE plain (id bigint PRIMARY KEY, placed date);
            ALTER TABLE plain ADD UNIQUE (placed);
            CREATE TABLE by_expr (id bigint, at date) PARTITION BY RANGE ((at + 1));
            CREATE UNIQUE INDEX by_expr_id ON by_expr (id);
            """);
}
