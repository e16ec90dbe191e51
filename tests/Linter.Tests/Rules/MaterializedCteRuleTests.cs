namespace YbMigrate.Linter.Tests.Rules;

public class MaterializedCteRuleTests
{
    [Fact]
    public void Flags_materialized_and_not_materialized() =>
        LintAssert.Flags(
            "YB3013",
            """
            WITH a AS [|MATERIALIZED|] (SELECT 1), b AS [|not materialized|] (SELECT 2), c AS (SELECT 3) SELECT * FROM a, b, c;
            WITH x (materialized) AS [|MATERIALIZED|] (SELECT 1) SELECT materialized FROM x;
            """,
            target: "2.20");

    [Fact]
    public void Does_not_flag_plain_ctes_or_fixed_versions()
    {
        LintAssert.Clean("YB3013", "WITH a AS (SELECT 1) SELECT * FROM a;", target: "2.20");
        LintAssert.Clean("YB3013", "WITH a AS MATERIALIZED (SELECT 1) SELECT * FROM a;", target: "2.25");
        LintAssert.Clean("YB3013", "WITH a AS MATERIALIZED (SELECT 1) SELECT * FROM a;");
    }

    [Fact]
    public void Fix_removes_the_keywords_and_keeps_comments() =>
        LintAssert.Fixes(
            "YB3013",
            "-- hint\nWITH a AS MATERIALIZED (SELECT 1), b AS NOT MATERIALIZED /* keep */ (SELECT 2)\nSELECT * FROM a, b;\n",
            "-- hint\nWITH a AS (SELECT 1), b AS /* keep */ (SELECT 2)\nSELECT * FROM a, b;\n",
            target: "2.20");

    [Fact]
    public void Fix_works_inside_a_plpgsql_body() =>
        LintAssert.Fixes(
            "YB3013",
            """
            CREATE FUNCTION f() RETURNS SETOF int LANGUAGE plpgsql AS $$
            BEGIN
              RETURN QUERY WITH a AS MATERIALIZED (SELECT 1) SELECT * FROM a;
            END $$;
            """,
            """
            CREATE FUNCTION f() RETURNS SETOF int LANGUAGE plpgsql AS $$
            BEGIN
              RETURN QUERY WITH a AS (SELECT 1) SELECT * FROM a;
            END $$;
            """,
            target: "2024.2");
}
