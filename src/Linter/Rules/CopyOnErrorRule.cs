using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;

namespace YbMigrate.Linter.Rules;

/// <summary>YB3011: the ON_ERROR option of COPY (PostgreSQL 17).</summary>
public sealed class CopyOnErrorRule : SqlRule
{
    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB3011",
        "COPY option ON_ERROR",
        Severity.Error,
        RuleCategory.UnsupportedFeature,
        Availability.Never,
        "COPY option ON_ERROR {0} is not supported by YugabyteDB: remove it and clean the data before loading (or load into a staging table of text columns and convert from there)",
        new RuleDocs(
            "The `ON_ERROR` option of `COPY ... FROM` (`ON_ERROR ignore` skips rows whose values fail to convert; `stop` is the default).",
            "ON_ERROR arrived with PostgreSQL 17. YugabyteDB's COPY, based on PostgreSQL 15 (11 before 2.25 / 2025.1), does not know the option and rejects the statement.",
            "Remove the option. To skip malformed rows, validate the file before loading, or COPY into a staging table whose columns are all text and insert the rows that convert cleanly into the real table.",
            "COPY readings FROM STDIN WITH (FORMAT csv, ON_ERROR ignore);",
            "COPY readings_staging FROM STDIN WITH (FORMAT csv);  -- all text columns, then INSERT ... SELECT the valid rows"));

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration) => registration.RegisterNodeAction(Analyze, "CopyStmt");

    private static void Analyze(NodeContext context)
    {
        foreach (var option in context.Node.DefElems("options"))
        {
            if (option.Str("defname") == "on_error")
            {
                context.ReportAt(option.Location(), PgJson.DefElemText(option) ?? string.Empty);
            }
        }
    }
}
