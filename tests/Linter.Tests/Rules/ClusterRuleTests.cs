namespace YbMigrate.Linter.Tests.Rules;

public class ClusterRuleTests
{
    [Fact]
    public void Flags_cluster_statements() =>
        LintAssert.Flags(
            "YB1006",
            """
            [|CLUSTER|] orders USING orders_created_idx;
            [|cluster|] verbose sales.orders;
            [|CLUSTER|];
            """);

    [Fact]
    public void Flags_alter_table_cluster_on_and_set_without_cluster()
    {
        var findings = LintAssert.Flags(
            "YB1006",
            """
            ALTER TABLE sales.orders [|CLUSTER ON|] orders_created_idx;
            alter table orders [|set without cluster|];
            ALTER TABLE orders ADD COLUMN note text, [|CLUSTER ON|] orders_created_idx;
            """);
        Assert.NotNull(findings[0].Fix);
        Assert.Null(findings[2].Fix);
    }

    [Fact]
    public void Flags_cluster_in_a_sql_function_body() =>
        LintAssert.Flags(
            "YB1006",
            "CREATE FUNCTION recluster() RETURNS void LANGUAGE sql AS $$ [|CLUSTER|] orders $$;");

    [Fact]
    public void Does_not_flag_other_alter_table_commands() =>
        LintAssert.Clean(
            "YB1006",
            """
            ALTER TABLE orders SET WITHOUT OIDS;
            ALTER TABLE orders SET LOGGED;
            CREATE INDEX orders_created_idx ON orders (created_at);
            """);

    [Fact]
    public void Fix_removes_the_statements() =>
        LintAssert.Fixes(
            "YB1006",
            "CREATE INDEX orders_created_idx ON orders (created_at);\nALTER TABLE orders CLUSTER ON orders_created_idx;\n-- physical order\nCLUSTER orders;\n",
            "CREATE INDEX orders_created_idx ON orders (created_at);\n-- physical order\n");
}
