using System;
using System.Collections.Generic;
using YbMigrate.Linter.Versions;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Engine;

/// <summary>
/// The callbacks the enabled rules registered for one run, and how their reports become findings.
/// Read-only once built, so the statement linters of every parse worker share it.
/// </summary>
internal sealed class RuleSet
{
    private readonly LintOptions _options;
    private readonly Dictionary<RuleDescriptor, string?> _previewNotes = new();
    // Indexed by node kind number (ParseNames): null where no rule registered.
    private List<(RuleDescriptor Rule, Action<NodeContext> Action)>?[] _nodeActions = Array.Empty<List<(RuleDescriptor, Action<NodeContext>)>?>();

    public RuleSet(LintOptions options, IEnumerable<SqlRule> rules)
    {
        _options = options;
        foreach (var rule in rules)
        {
            Register(rule);
        }
    }

    public List<(RuleDescriptor Rule, Action<ParseErrorContext> Action)> ParseErrorActions { get; } = new();

    public List<(RuleDescriptor Rule, Action<CatalogContext> Action)> CatalogActions { get; } = new();

    public bool HasNodeActions => _nodeActions.Length > 0;

    /// <summary>The callbacks registered for a node kind number, or null.</summary>
    public List<(RuleDescriptor Rule, Action<NodeContext> Action)>? NodeActions(int kindId) =>
        kindId < _nodeActions.Length ? _nodeActions[kindId] : null;

    /// <summary>The finding for a report, or null when the statement's suppressions silence the rule.</summary>
    public Finding? Finding(RuleDescriptor rule, StatementContext statement, Suppressions suppressions, TextSpan span, Fix? fix, object[] messageArgs)
    {
        if (suppressions.Suppresses(rule.Id))
        {
            return null;
        }

        _previewNotes.TryGetValue(rule, out var suffix);
        if (statement.Embedded is { } embedded)
        {
            suffix += $" (in {embedded.Container})";
        }

        return new Finding(rule, _options.SeverityOf(rule), statement.Source, span, messageArgs, suffix, fix);
    }

    /// <summary>The finding that says a rule threw on a statement (the run goes on).</summary>
    public Finding? Failure(RuleDescriptor rule, StatementContext statement, Suppressions suppressions, Exception ex) =>
        Finding(EngineDiagnostics.RuleFailure, statement, suppressions, new TextSpan(statement.Span.Start, 0), null, new object[] { rule.Id, ex.GetType().Name + ": " + ex.Message });

    private void Register(SqlRule rule)
    {
        var descriptor = rule.Descriptor;
        var level = descriptor.Availability.In(_options.TargetVersion);
        if (_options.DisabledRules.Contains(descriptor.Id) || level == SupportLevel.Supported)
        {
            return;
        }

        var preview = descriptor.Availability.PreviewFor(_options.TargetVersion);
        _previewNotes[descriptor] = preview is null
            ? null
            : $" (YugabyteDB {_options.TargetVersion} has it as a preview: set the flag {preview.Flag}=true, or move to a version where it is generally available)";
        var registration = new RuleRegistration(descriptor);
        rule.Initialize(registration);
        foreach (var (kinds, action) in registration.NodeActions)
        {
            foreach (var kind in kinds)
            {
                var id = ParseNames.Id(kind);
                if (id >= _nodeActions.Length)
                {
                    Array.Resize(ref _nodeActions, ParseNames.Count);
                }

                (_nodeActions[id] ??= new List<(RuleDescriptor, Action<NodeContext>)>()).Add((descriptor, action));
            }
        }

        foreach (var action in registration.ParseErrorActions)
        {
            ParseErrorActions.Add((descriptor, action));
        }

        foreach (var action in registration.CatalogActions)
        {
            CatalogActions.Add((descriptor, action));
        }
    }
}
