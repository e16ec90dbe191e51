using System.Linq;
using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;

namespace YbMigrate.Linter.Rules;

/// <summary>YB1023: the deterministic option of CREATE COLLATION (set to true; false is YB1024).</summary>
public sealed class CollationDeterministicOptionRule : SqlRule
{
    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB1023",
        "CREATE COLLATION with the deterministic option",
        Severity.Error,
        RuleCategory.UnsupportedFeature,
        Availability.Fixed("2.25", "2025.1"),
        "The collation option deterministic is not supported by this YugabyteDB version: remove it (deterministic is the default)",
        new RuleDocs(
            "`CREATE COLLATION name (..., deterministic = true)`, or the option written alone. `deterministic = false` is reported by YB1024, since YugabyteDB supports no non-deterministic collation at all.",
            "YugabyteDB versions before 2.25 / 2025.1 are based on PostgreSQL 11, which has no deterministic option: the whole CREATE COLLATION fails, and every column that uses the collation after it.",
            "Remove the option: a collation is deterministic unless told otherwise, so the result is the same. Or upgrade to YugabyteDB 2.25 / 2025.1 or later.",
            "CREATE COLLATION german (provider = icu, locale = 'de-DE', deterministic = true);",
            "CREATE COLLATION german (provider = icu, locale = 'de-DE');"));

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterNodeAction(Analyze, "DefineStmt");

    private static void Analyze(NodeContext context)
    {
        if (context.Node.Str("kind") != "OBJECT_COLLATION")
        {
            return;
        }

        foreach (var option in OptionValues.Named(context.Node, "definition", "deterministic").Where(o => OptionValues.AsBoolean(o) != false))
        {
            context.Report(OptionValues.Span(context.Statement, option));
        }
    }
}
