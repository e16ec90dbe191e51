using System;
using YbMigrate.Linter.Versions;

namespace YbMigrate.Linter.Engine;

/// <summary>How serious a finding is.</summary>
public enum Severity
{
    /// <summary>Worth knowing: a caveat or a performance hint.</summary>
    Info = 0,

    /// <summary>Behaves differently or performs badly on YugabyteDB.</summary>
    Warning = 1,

    /// <summary>Fails on YugabyteDB.</summary>
    Error = 2,
}

/// <summary>What kind of incompatibility a rule detects.</summary>
public enum RuleCategory
{
    /// <summary>A statement or clause YugabyteDB rejects.</summary>
    UnsupportedFeature,

    /// <summary>A data type YugabyteDB cannot store or index.</summary>
    UnsupportedDatatype,

    /// <summary>Accepted, but behaves differently from PostgreSQL.</summary>
    Caveat,

    /// <summary>Works, but performs badly on a distributed database.</summary>
    Performance,

    /// <summary>Reported by the engine itself: a statement that does not parse, or a rule that failed.</summary>
    Syntax,
}

/// <summary>
/// A rule's metadata and documentation. It lives in the rule's own file; rules.md is generated
/// from it (see <see cref="Reporting.RulesMarkdown"/>), so the two cannot drift.
/// </summary>
public sealed class RuleDescriptor
{
    /// <summary>Base address of the rules documentation; each rule links to its anchor.</summary>
    public const string DocsBaseUri = "https://github.com/yb-migration-analyzers/yb-migration-analyzers/blob/main/rules.md";

    /// <summary>Creates a descriptor.</summary>
    public RuleDescriptor(
        string id,
        string title,
        Severity severity,
        RuleCategory category,
        Availability availability,
        string messageFormat,
        RuleDocs docs,
        bool hasFix = false)
    {
        if (id.Length != 6 || !id.StartsWith("YB", StringComparison.Ordinal))
        {
            throw new ArgumentException($"Rule ids are YB + 4 digits, not '{id}'.", nameof(id));
        }

        Id = id;
        Title = title;
        DefaultSeverity = severity;
        Category = category;
        Availability = availability;
        MessageFormat = messageFormat;
        Docs = docs;
        HasFix = hasFix;
    }

    /// <summary>YB + 4 digits, e.g. YB1001.</summary>
    public string Id { get; }

    /// <summary>A short title.</summary>
    public string Title { get; }

    /// <summary>The severity unless configured otherwise.</summary>
    public Severity DefaultSeverity { get; }

    /// <summary>The kind of incompatibility.</summary>
    public RuleCategory Category { get; }

    /// <summary>The versions where the construct works.</summary>
    public Availability Availability { get; }

    /// <summary>The message, with {0}.. placeholders filled by the rule.</summary>
    public string MessageFormat { get; }

    /// <summary>The documentation entry.</summary>
    public RuleDocs Docs { get; }

    /// <summary>True when the rule offers an automatic fix.</summary>
    public bool HasFix { get; }

    /// <summary>Link to the rule's entry in rules.md.</summary>
    public string HelpUri => DocsBaseUri + "#" + Id.ToLowerInvariant();
}

/// <summary>The documentation of a rule, as shown in rules.md.</summary>
public sealed class RuleDocs
{
    /// <summary>Creates the docs.</summary>
    public RuleDocs(string detects, string why, string fix, string before, string after)
    {
        Detects = detects;
        Why = why;
        Fix = fix;
        Before = before;
        After = after;
    }

    /// <summary>What the rule detects.</summary>
    public string Detects { get; }

    /// <summary>Why it matters on YugabyteDB.</summary>
    public string Why { get; }

    /// <summary>How to fix it.</summary>
    public string Fix { get; }

    /// <summary>SQL that the rule flags.</summary>
    public string Before { get; }

    /// <summary>The same SQL, fixed (or the recommended rewrite).</summary>
    public string After { get; }
}
