namespace YbMigrate.Linter.Tests.Rules;

public class AlterTableStorageParametersRuleTests
{
    [Fact]
    public void Flags_set_and_reset_of_table_storage_parameters()
    {
        var findings = LintAssert.Flags(
            "YB1036",
            """
            ALTER TABLE orders [|SET (fillfactor = 80, autovacuum_vacuum_scale_factor = 0.05)|];
            alter table if exists only app.orders [|reset (autovacuum_enabled)|], [|set (toast_tuple_target = 256)|];
            """);
        Assert.Contains("RESET", findings[1].Message);
    }

    [Fact]
    public void Does_not_flag_create_table_options_column_options_other_set_forms_or_indexes() =>
        LintAssert.Clean(
            "YB1036",
            """
            CREATE TABLE orders (id bigint PRIMARY KEY, status text) WITH (fillfactor = 80);
            ALTER TABLE orders ALTER COLUMN status SET (n_distinct = 5);
            ALTER TABLE orders SET SCHEMA archive;
            ALTER TABLE orders ALTER COLUMN status SET DEFAULT 'new';
            ALTER INDEX orders_pkey SET (fillfactor = 70);
            ALTER VIEW order_view SET (security_barrier = true);
            """);
}
