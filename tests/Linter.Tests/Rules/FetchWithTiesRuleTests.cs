namespace YbMigrate.Linter.Tests.Rules;

public class FetchWithTiesRuleTests
{
    [Fact]
    public void Flags_with_ties_in_queries_and_subqueries() =>
        LintAssert.Flags(
            "YB3012",
            """
            SELECT name FROM players ORDER BY score DESC FETCH FIRST 3 ROWS [|WITH TIES|];
            SELECT * FROM (SELECT * FROM t ORDER BY a fetch next 2 rows [|with ties|]) s ORDER BY b FETCH FIRST 5 ROWS ONLY;
            """);

    [Fact]
    public void Flags_with_ties_in_a_plpgsql_return_query() =>
        LintAssert.Flags(
            "YB3012",
            """
            CREATE FUNCTION podium() RETURNS SETOF players LANGUAGE plpgsql AS $$
            BEGIN
              RETURN QUERY SELECT * FROM players ORDER BY score DESC FETCH FIRST 3 ROWS [|WITH TIES|];
            END $$;
            """);

    [Fact]
    public void Does_not_flag_rows_only_or_limit() =>
        LintAssert.Clean("YB3012", "SELECT * FROM players ORDER BY score FETCH FIRST 3 ROWS ONLY; SELECT * FROM players LIMIT 3;");
}
