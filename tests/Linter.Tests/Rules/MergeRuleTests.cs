namespace YbMigrate.Linter.Tests.Rules;

public class MergeRuleTests
{
    [Fact]
    public void Flags_merge_statements() =>
        LintAssert.Flags(
            "YB3014",
            """
            [|MERGE|] INTO stock s USING deliveries d ON s.item = d.item WHEN MATCHED THEN UPDATE SET qty = s.qty + d.qty;
            -- remove sold-out items
            [|merge|] into stock s using sold d on s.item = d.item when matched then delete;
            """);

    [Fact]
    public void Flags_merge_inside_a_plpgsql_body() =>
        LintAssert.Flags(
            "YB3014",
            """
            CREATE FUNCTION restock() RETURNS void LANGUAGE plpgsql AS $$
            BEGIN
              [|MERGE|] INTO stock s USING deliveries d ON s.item = d.item
              WHEN NOT MATCHED THEN INSERT (item, qty) VALUES (d.item, d.qty);
            END $$;
            """);

    [Fact]
    public void Does_not_flag_an_upsert() =>
        LintAssert.Clean(
            "YB3014",
            "INSERT INTO stock (item, qty) SELECT item, qty FROM deliveries ON CONFLICT (item) DO UPDATE SET qty = stock.qty + excluded.qty;");
}
