namespace YbMigrate.Linter.Tests.Rules;

public class JsonbSubscriptingRuleTests
{
    [Fact]
    public void Flags_string_subscripts_in_reads_and_assignments() =>
        LintAssert.Flags(
            "YB3009",
            """
            SELECT payload[|['customer']['name']|], o.payload[|['items'][0]|] FROM orders o WHERE payload[|['status']|] = '"paid"';
            UPDATE orders SET payload[|['status']|] = '"shipped"' WHERE id = 1;
            """,
            target: "2.20");

    [Fact]
    public void Flags_a_subscript_inside_a_plpgsql_return_query() =>
        LintAssert.Flags(
            "YB3009",
            """
            CREATE FUNCTION customers_of_orders() RETURNS SETOF jsonb LANGUAGE plpgsql AS $$
            BEGIN
              RETURN QUERY SELECT payload[|['customer']|] FROM orders;
            END $$;
            """,
            target: "2024.2");

    [Fact]
    public void Does_not_flag_array_subscripts_or_fixed_versions()
    {
        LintAssert.Clean("YB3009", "SELECT tags[1], tags[1:2], tags[i], grid[1][2], payload -> 'a' FROM t;", target: "2.20");
        LintAssert.Clean("YB3009", "SELECT payload['a'] FROM t;", target: "2.25");
        LintAssert.Clean("YB3009", "SELECT payload['a'] FROM t;");
    }

    [Fact]
    public void Fix_uses_the_arrow_operator_and_keeps_the_column_name() =>
        LintAssert.Fixes(
            "YB3009",
            "SELECT payload['customer']['name'] /* who */ FROM orders WHERE payload['status'] = '\"paid\"';\n",
            "SELECT payload -> 'customer' -> 'name' AS payload /* who */ FROM orders WHERE payload -> 'status' = '\"paid\"';\n",
            target: "2.20");

    [Fact]
    public void Fix_adds_parentheses_where_an_operator_would_bind_differently() =>
        LintAssert.Fixes(
            "YB3009",
            "SELECT o.payload['a']::text, x || payload['b'], payload['c'] || x, -payload['d'] AS neg, \"Doc\"['k'], payload['a'][k || 'x'] AS e, payload[ 'f' ] FROM orders o;",
            "SELECT (o.payload -> 'a')::text, x || (payload -> 'b'), payload -> 'c' || x, -(payload -> 'd') AS neg, \"Doc\" -> 'k' AS \"Doc\", payload -> 'a' -> (k || 'x') AS e, payload -> 'f' AS payload FROM orders o;",
            target: "2.20");

    [Fact]
    public void Assignment_targets_are_reported_without_a_fix()
    {
        var findings = LintAssert.Flags("YB3009", "UPDATE orders SET payload[|['status']|] = payload[|['next']|] WHERE id = 1;", target: "2.20");
        Assert.Null(findings[0].Fix);
        Assert.NotNull(findings[1].Fix);
    }
}
