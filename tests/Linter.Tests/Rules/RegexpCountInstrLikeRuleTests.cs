namespace YbMigrate.Linter.Tests.Rules;

public class RegexpCountInstrLikeRuleTests
{
    [Fact]
    public void Flags_the_new_regexp_functions_before_2_25() =>
        LintAssert.Flags(
            "YB3004",
            "SELECT [|regexp_count|](s, 'a'), [|REGEXP_INSTR|](s, 'b') FROM t WHERE [|regexp_like|](s, '^x');",
            target: "2024.2");

    [Fact]
    public void Flags_an_assignment_in_a_do_block() =>
        LintAssert.Flags(
            "YB3004",
            """
            DO $$
            DECLARE n int;
            BEGIN
              n := [|regexp_count|]('banana', 'a');
            END $$;
            """,
            target: "2.20");

    [Fact]
    public void Does_not_flag_older_regexp_functions_fixed_versions_or_a_schema_defined_function()
    {
        LintAssert.Clean("YB3004", "SELECT regexp_matches(s, 'a'), regexp_replace(s, 'a', 'b'), regexp_substr(s, 'a') FROM t;", target: "2024.2");
        LintAssert.Clean("YB3004", "SELECT regexp_like(s, 'a') FROM t;");
        LintAssert.Clean("YB3004", "SELECT regexp_like(s, 'a') FROM t;", target: "2.25");
        LintAssert.Clean(
            "YB3004",
            "SELECT regexp_like(s, 'a') FROM t;",
            "2024.2",
            "CREATE FUNCTION regexp_like(text, text) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT $1 ~ $2';");
    }
}
