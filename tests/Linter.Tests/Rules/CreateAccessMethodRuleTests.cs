namespace YbMigrate.Linter.Tests.Rules;

public class CreateAccessMethodRuleTests
{
    [Fact]
    public void Flags_table_and_index_access_methods() =>
        LintAssert.Flags(
            "YB1033",
            """
            [|CREATE ACCESS METHOD|] columnar TYPE TABLE HANDLER columnar_handler;
            [|create access method|] my_bloom type index handler app.bloom_handler;
            """);

    [Fact]
    public void Does_not_flag_indexes_using_supported_methods_or_operator_classes() =>
        LintAssert.Clean(
            "YB1033",
            """
            CREATE INDEX orders_customer_idx ON orders USING lsm (customer_id);
            CREATE OPERATOR CLASS my_ops FOR TYPE int4 USING btree AS OPERATOR 1 <;
            """);
}
