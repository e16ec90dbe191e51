namespace YbMigrate.Linter.Tests.Rules;

public class CopyFromWhereRuleTests
{
    [Fact]
    public void Flags_the_where_clause_of_copy_from() =>
        LintAssert.Flags(
            "YB3010",
            """
            COPY orders FROM '/data/orders.csv' WITH (FORMAT csv) [|WHERE|] status <> 'void';
            copy orders (id, status) from program 'zcat orders.gz' [|where|] id > 10;
            """,
            target: "2.20");

    [Fact]
    public void Flags_copy_where_inside_a_sql_function_body() =>
        LintAssert.Flags(
            "YB3010",
            """
            CREATE FUNCTION load_orders() RETURNS void LANGUAGE sql AS $$
              COPY orders FROM '/data/orders.csv' [|WHERE|] id > 0
            $$;
            """,
            target: "2024.2");

    [Fact]
    public void Does_not_flag_plain_copy_copy_to_or_fixed_versions()
    {
        LintAssert.Clean(
            "YB3010",
            """
            COPY orders FROM '/data/orders.csv' WITH (FORMAT csv);
            COPY (SELECT * FROM orders WHERE id > 1) TO '/tmp/orders.csv';
            """,
            target: "2.20");
        LintAssert.Clean("YB3010", "COPY orders FROM '/data/orders.csv' WHERE id > 0;", target: "2025.1");
    }
}
