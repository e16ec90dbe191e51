namespace YbMigrate.Linter.Tests.Rules;

public class RangeAggRuleTests
{
    [Fact]
    public void Flags_range_aggregates_before_2_25() =>
        LintAssert.Flags(
            "YB3006",
            "SELECT room, [|range_agg|](booked), [|RANGE_INTERSECT_AGG|](booked) FROM bookings GROUP BY room;",
            target: "2.20");

    [Fact]
    public void Flags_range_agg_in_a_plpgsql_return_query() =>
        LintAssert.Flags(
            "YB3006",
            """
            CREATE FUNCTION busy() RETURNS SETOF int4multirange LANGUAGE plpgsql AS $$
            BEGIN
              RETURN QUERY SELECT [|range_agg|](booked) FROM bookings;
            END $$;
            """,
            target: "2024.2");

    [Fact]
    public void Does_not_flag_other_aggregates_or_fixed_versions()
    {
        LintAssert.Clean("YB3006", "SELECT array_agg(booked), string_agg(room::text, ',') FROM bookings;", target: "2.20");
        LintAssert.Clean("YB3006", "SELECT range_agg(booked) FROM bookings;", target: "2025.1");
        LintAssert.Clean("YB3006", "SELECT range_agg(booked) FROM bookings;");
    }
}
