namespace YbMigrate.Linter.Tests.Rules;

public class StorageParameterOnIndexOrConstraintRuleTests
{
    [Fact]
    public void Flags_storage_parameters_on_create_index()
    {
        var findings = LintAssert.Flags(
            "YB1004",
            """
            CREATE INDEX orders_customer_idx ON orders (customer_id) [|WITH (fillfactor = 70)|];
            create unique index on sales.orders using btree (ref) [|with (fillfactor=90, deduplicate_items = off)|] where ref > 0;
            """);
        Assert.Contains("fillfactor, deduplicate_items", findings[1].Message);
    }

    [Fact]
    public void Flags_storage_parameters_on_constraints_in_alter_and_create_table() =>
        LintAssert.Flags(
            "YB1004",
            """
            ALTER TABLE sales.orders ADD CONSTRAINT orders_ref_key UNIQUE (ref) [|WITH (fillfactor = 90)|] USING INDEX TABLESPACE fast;
            CREATE TABLE items (
              id int PRIMARY KEY [|WITH (fillfactor = 80)|],
              code text,
              CONSTRAINT items_code_key UNIQUE (code) [|WITH (fillfactor = 80)|]
            ) WITH (fillfactor = 60);
            """);

    [Fact]
    public void Does_not_flag_table_storage_parameters_tablespaces_or_yugabyte_options() =>
        LintAssert.Clean(
            "YB1004",
            """
            CREATE TABLE items (id int PRIMARY KEY, code text) WITH (fillfactor = 60, autovacuum_enabled = false);
            ALTER TABLE items ADD CONSTRAINT items_code_key UNIQUE (code) USING INDEX TABLESPACE fast;
            CREATE INDEX items_code_idx ON items (code) WITH (colocation_id = 20001);
            CREATE INDEX items_code2_idx ON items (code) TABLESPACE fast;
            """);

    [Fact]
    public void Fix_removes_the_with_clause_and_keeps_comments()
    {
        LintAssert.Fixes(
            "YB1004",
            "-- hot index\nCREATE INDEX orders_customer_idx ON orders (customer_id) /* tuned */ WITH (fillfactor = 70);\n",
            "-- hot index\nCREATE INDEX orders_customer_idx ON orders (customer_id) /* tuned */;\n");
        LintAssert.Fixes(
            "YB1004",
            "CREATE TABLE items (id int PRIMARY KEY WITH (fillfactor = 80), code text);\nCREATE INDEX ON items (code) WITH (fillfactor = 50) WHERE code IS NOT NULL;\n",
            "CREATE TABLE items (id int PRIMARY KEY, code text);\nCREATE INDEX ON items (code) WHERE code IS NOT NULL;\n");
    }
}
