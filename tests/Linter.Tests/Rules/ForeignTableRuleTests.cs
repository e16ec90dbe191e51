namespace YbMigrate.Linter.Tests.Rules;

public class ForeignTableRuleTests
{
    [Fact]
    public void Flags_create_foreign_table_and_names_the_server()
    {
        var findings = LintAssert.Flags(
            "YB1020",
            "CREATE [|FOREIGN TABLE|] remote_orders (id bigint, total numeric) SERVER legacy_db OPTIONS (table_name 'orders');");
        Assert.Contains("\"legacy_db\"", findings[0].Message);
        Assert.Equal(YbMigrate.Linter.Engine.Severity.Warning, findings[0].Severity);
    }

    [Fact]
    public void Flags_lower_case_qualified_and_partition_forms() =>
        LintAssert.Flags(
            "YB1020",
            """
            create [|foreign table|] if not exists ext.files (line text) server files options (filename '/tmp/x.csv');
            CREATE [|FOREIGN /* remote */ TABLE|] orders_old PARTITION OF orders FOR VALUES IN ('old') SERVER legacy_db;
            """);

    [Fact]
    public void Does_not_flag_tables_servers_or_user_mappings() =>
        LintAssert.Clean(
            "YB1020",
            """
            CREATE EXTENSION IF NOT EXISTS postgres_fdw;
            CREATE SERVER legacy_db FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'legacy', dbname 'shop');
            CREATE USER MAPPING FOR app SERVER legacy_db OPTIONS (user 'reader');
            CREATE TABLE orders (id bigint PRIMARY KEY, customer bigint, FOREIGN KEY (customer) REFERENCES customers);
            """);
}
