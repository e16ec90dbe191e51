using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;

namespace YbMigrate.Linter.Rules;

/// <summary>YB3005: the any_value() aggregate (new in PostgreSQL 16).</summary>
public sealed class AnyValueAggregateRule : SqlRule
{
    private static readonly string[] Functions = { "any_value" };

    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB3005",
        "any_value() aggregate",
        Severity.Error,
        RuleCategory.UnsupportedFeature,
        Availability.Never,
        "YugabyteDB has no {0}() aggregate: use min() or max() of the column, or create an any_value aggregate in the schema",
        new RuleDocs(
            "Calls of the `any_value()` aggregate, which PostgreSQL added in version 16.",
            "No YugabyteDB release has `any_value`, so the query fails with an unknown-function error. A schema that creates its own `any_value` aggregate (a common polyfill) is not flagged: that definition migrates too.",
            "Use `min(col)` or `max(col)` (any value of the group, deterministic), or create the aggregate in the schema: `CREATE FUNCTION any_value_step(anyelement, anyelement) RETURNS anyelement LANGUAGE sql IMMUTABLE AS 'SELECT coalesce($1, $2)';` then `CREATE AGGREGATE any_value(anyelement) (SFUNC = any_value_step, STYPE = anyelement);`.",
            "SELECT customer_id, any_value(customer_name) FROM orders GROUP BY customer_id;",
            "SELECT customer_id, min(customer_name) FROM orders GROUP BY customer_id;"));

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration) => BuiltinFunctionCalls.Register(registration, Functions);
}
