using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;

namespace YbMigrate.Linter.Rules;

/// <summary>YB3006: the range_agg and range_intersect_agg aggregates (new in PostgreSQL 14).</summary>
public sealed class RangeAggRule : SqlRule
{
    private static readonly string[] Functions = { "range_agg", "range_intersect_agg" };

    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB3006",
        "range_agg / range_intersect_agg aggregate",
        Severity.Error,
        RuleCategory.UnsupportedFeature,
        Availability.Fixed("2.25", "2025.1"),
        "Aggregate {0}() does not exist in this YugabyteDB version (it needs multirange types): target 2.25 / 2025.1 or later, or merge the ranges in the application",
        new RuleDocs(
            "Calls of the `range_agg` and `range_intersect_agg` aggregates.",
            "These aggregates return multiranges, which arrived with PostgreSQL 14. YugabyteDB releases before 2.25 and 2025.1 are built on PostgreSQL 11 and have neither the aggregates nor multirange types.",
            "Target 2.25 / 2025.1 or later. On older versions, compute the union or intersection of the ranges in the application, or with a window query that merges overlapping ranges.",
            "SELECT room_id, range_agg(booked) FROM bookings GROUP BY room_id;",
            "SELECT room_id, array_agg(booked ORDER BY lower(booked)) FROM bookings GROUP BY room_id;  -- merge in the application"));

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration) => BuiltinFunctionCalls.Register(registration, Functions);
}
