namespace YbMigrate.Linter.Tests.Rules;

public class AnyValueAggregateRuleTests
{
    [Fact]
    public void Flags_any_value_plain_and_qualified() =>
        LintAssert.Flags(
            "YB3005",
            "SELECT k, [|any_value|](v), pg_catalog.[|ANY_VALUE|](w) FROM t GROUP BY k;");

    [Fact]
    public void Flags_any_value_in_a_plpgsql_select_into() =>
        LintAssert.Flags(
            "YB3005",
            """
            CREATE FUNCTION some_name() RETURNS text LANGUAGE plpgsql AS $$
            DECLARE r text;
            BEGIN
              SELECT [|any_value|](name) INTO r FROM customers;
              RETURN r;
            END $$;
            """);

    [Fact]
    public void Does_not_flag_min_max_or_an_any_value_aggregate_the_schema_defines()
    {
        LintAssert.Clean("YB3005", "SELECT k, min(v), max(v), util.any_value(v) FROM t GROUP BY k;");
        LintAssert.Clean(
            "YB3005",
            "SELECT k, any_value(v) FROM t GROUP BY k;",
            null,
            """
            CREATE FUNCTION any_value_step(anyelement, anyelement) RETURNS anyelement LANGUAGE sql IMMUTABLE AS 'SELECT coalesce($1, $2)';
            CREATE AGGREGATE any_value(anyelement) (SFUNC = any_value_step, STYPE = anyelement);
            """);
    }
}
