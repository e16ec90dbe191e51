namespace YbMigrate.Linter.Tests.Rules;

public class SystemColumnRuleTests
{
    [Fact]
    public void Flags_qualified_and_unqualified_system_columns() =>
        LintAssert.Flags(
            "YB3002",
            """
            SELECT [|xmin|], t.[|CTID|], public.t.[|cmin|] FROM t WHERE [|xmax|] <> 0 AND [|cmax|] = 0;
            DELETE FROM t a USING t b WHERE a.[|ctid|] < b.[|ctid|] AND a.id = b.id;
            """);

    [Fact]
    public void Flags_a_system_column_inside_a_do_block() =>
        LintAssert.Flags(
            "YB3002",
            """
            DO $$
            BEGIN
              UPDATE accounts SET balance = 0 WHERE id = 1 AND [|xmin|]::text = '42';
            END $$;
            """);

    [Fact]
    public void Does_not_flag_aliases_strings_quoted_names_or_similar_columns() =>
        LintAssert.Clean(
            "YB3002",
            """
            CREATE TABLE t (id int PRIMARY KEY, xmin_seen bigint, "XMIN" int);
            SELECT id AS xmin, 'xmin', "XMIN", xmin_seen FROM t;
            """);
}
