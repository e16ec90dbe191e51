using System;
using System.Collections.Generic;
using YbMigrate.Linter.Versions;

namespace YbMigrate.Linter.Engine;

/// <summary>What to lint for.</summary>
public sealed class LintOptions
{
    /// <summary>The YugabyteDB version the SQL will run on; rules fixed there are not run.</summary>
    public YbVersion TargetVersion { get; set; } = YbVersion.DefaultTarget;

    /// <summary>Rule ids that are off.</summary>
    public ISet<string> DisabledRules { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Severity per rule id, replacing the rule's default.</summary>
    public IDictionary<string, Severity> SeverityOverrides { get; } = new Dictionary<string, Severity>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The severity a finding of <paramref name="rule"/> gets.</summary>
    public Severity SeverityOf(RuleDescriptor rule) =>
        SeverityOverrides.TryGetValue(rule.Id, out var severity) ? severity : rule.DefaultSeverity;
}
