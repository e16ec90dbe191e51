using System.Collections.Generic;
using System.Linq;
using System.Text;
using YbMigrate.Linter.Engine;

namespace YbMigrate.Linter.Reporting;

/// <summary>Writes rules.md from the rule metadata: the single source of the rules documentation.</summary>
public static class RulesMarkdown
{
    /// <summary>The whole rules.md text.</summary>
    public static string Generate(IReadOnlyList<RuleDescriptor> rules)
    {
        var md = new StringBuilder();
        md.Append("# YugabyteDB migration rules\n\n");
        md.Append("<!-- Generated from the rule metadata by `dotnet yb-migrate rules --markdown`; a test fails when this file and the rules differ. Do not edit by hand. -->\n\n");
        md.Append("Every rule has an ID, a default severity, a category and the YugabyteDB versions where the construct works.\n");
        md.Append("A rule whose construct is generally available in the target version (`--target-version`, default ")
          .Append(Versions.YbVersion.DefaultTarget).Append(") is not reported; one that is only a preview there is reported with the server flag that enables it.\n\n");
        md.Append("## Suppressing a finding\n\n");
        md.Append("- In SQL, before the statement: `-- yb-migrate:disable-next-statement YB1001, YB1002` (no IDs: every rule).\n");
        md.Append("- In SQL, anywhere in a file: `-- yb-migrate:disable-file YB1001`.\n");
        md.Append("- For a whole project, in the config file given to `--config`: `{ \"disabledRules\": [\"YB1001\"] }`, or a different severity: `{ \"severities\": { \"YB1001\": \"info\" } }`.\n\n");
        md.Append("## Index\n\n| ID | Title | Severity | Category | Versions | Fix |\n|---|---|---|---|---|---|\n");
        foreach (var rule in rules)
        {
            md.Append($"| [{rule.Id}](#{rule.Id.ToLowerInvariant()}) | {rule.Title} | {rule.DefaultSeverity.ToString().ToLowerInvariant()} | {CategoryText(rule.Category)} | {VersionsText(rule)} | {(rule.HasFix ? "yes" : "")} |\n");
        }

        foreach (var rule in rules)
        {
            md.Append($"\n## {rule.Id}\n\n### {rule.Title}\n\n");
            md.Append($"- Severity: {rule.DefaultSeverity.ToString().ToLowerInvariant()}\n");
            md.Append($"- Category: {CategoryText(rule.Category)}\n");
            md.Append($"- YugabyteDB versions: {VersionsText(rule)}\n");
            md.Append($"- Automatic fix: {(rule.HasFix ? "yes (`dotnet yb-migrate lint --fix`)" : "no")}\n\n");
            md.Append($"**What it detects.** {rule.Docs.Detects}\n\n");
            md.Append($"**Why it matters on YugabyteDB.** {rule.Docs.Why}\n\n");
            md.Append($"**How to fix.** {rule.Docs.Fix}\n\n");
            md.Append("Before:\n\n```sql\n").Append(rule.Docs.Before.TrimEnd()).Append("\n```\n\n");
            md.Append("After:\n\n```sql\n").Append(rule.Docs.After.TrimEnd()).Append("\n```\n\n");
            md.Append($"**Suppress.** `-- yb-migrate:disable-next-statement {rule.Id}` before the statement, or `\"disabledRules\": [\"{rule.Id}\"]` in the config file.\n");
        }

        return md.ToString();
    }

    // The engine's own diagnostics are about the input, not about a YugabyteDB version.
    private static string VersionsText(RuleDescriptor rule) =>
        rule.Category == RuleCategory.Syntax ? "any (reported by the engine)" : rule.Availability.Describe();

    /// <summary>The category as written in the docs.</summary>
    public static string CategoryText(RuleCategory category) => category switch
    {
        RuleCategory.UnsupportedFeature => "unsupported feature",
        RuleCategory.UnsupportedDatatype => "unsupported datatype",
        RuleCategory.Caveat => "caveat",
        RuleCategory.Performance => "performance",
        _ => "engine",
    };
}
