namespace YbMigrate.Linter.Tests.Rules;

public class AlterIndexSetRuleTests
{
    [Fact]
    public void Flags_set_and_reset_of_index_storage_parameters() =>
        LintAssert.Flags(
            "YB1041",
            """
            ALTER INDEX orders_created_idx [|SET (fillfactor = 70)|];
            alter index if exists app.docs_body_idx [|reset (fastupdate, gin_pending_list_limit)|];
            """);

    [Fact]
    public void Does_not_flag_other_alter_index_forms_or_alter_table_set() =>
        LintAssert.Clean(
            "YB1041",
            """
            ALTER INDEX orders_created_idx RENAME TO orders_created_at_idx;
            ALTER INDEX orders_created_at_idx SET TABLESPACE fast;
            ALTER TABLE orders SET (fillfactor = 70);
            CREATE INDEX orders_status_idx ON orders (status);
            """);
}
