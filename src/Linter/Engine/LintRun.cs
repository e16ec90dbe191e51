using System;
using System.Collections.Generic;
using System.Linq;
using YbMigrate.Linter.Catalog;
using YbMigrate.Linter.Scripts;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Engine;

/// <summary>
/// One lint run over a set of sources. Each statement is parsed once and walked by the rules'
/// node callbacks on a parse worker (<see cref="StatementLinter"/>); this thread takes the
/// statements in order, feeds the schema catalog and keeps their findings and deferred checks,
/// which run once every source has been read, again on the workers, and so do the rules' walks of
/// the catalog (<see cref="DeferredCheckRunner"/>).
/// </summary>
internal sealed class LintRun
{
    private readonly RuleSet _rules;
    // The deferred checks of each top-level statement that has some, in statement order.
    private readonly List<DeferredCheck[]> _deferred = new();
    private readonly List<Finding> _findings = new();
    private readonly CatalogBuilder _catalogBuilder;
    private readonly Dictionary<SqlSource, int> _sourceOrder = new();
    private int _statementCount;
    private int _metaCommands;

    public LintRun(LintOptions options, IEnumerable<SqlRule> rules)
    {
        _rules = new RuleSet(options, rules);
        _catalogBuilder = new CatalogBuilder(Catalog);
    }

    public SchemaCatalog Catalog { get; } = new();

    /// <summary>The findings reported so far (the benchmark splits what the run holds with it).</summary>
    internal int FindingCount => _findings.Count;

    /// <summary>The deferred checks waiting for the complete catalog.</summary>
    internal int DeferredCheckCount => _deferred.Sum(checks => checks.Length);

    public void Lint(SqlSource source)
    {
        _sourceOrder[source] = _sourceOrder.Count;
        _ = source.Lines; // made once here, before the workers make findings in the source
        var fileSuppressions = Suppressions.ForFile(source.Text);
        var segments = new ScriptSegments(source.Text, _statementCount);
        var linted = ParseAhead.Process<LintedSegment>(
            segments,
            () =>
            {
                var linter = new StatementLinter(_rules);
                return i => linter.Lint(source, segments.Segment(i), fileSuppressions, segments.Ordinal(i));
            },
            segment => segment.Parsed?.Dispose());
        foreach (var segment in linted)
        {
            if (segment.Segment.Kind == SegmentKind.MetaCommand)
            {
                _metaCommands++;
            }
            else if (segment.Parsed is { } parsed)
            {
                using (parsed)
                {
                    Take(source, segment, parsed);
                }
            }
        }

        _statementCount = segments.NextOrdinal;
    }

    public LintResult Finish()
    {
        RunDeferredChecks();
        RunCatalogActions();
        var ordered = _findings
            .OrderBy(f => _sourceOrder[f.Source])
            .ThenBy(f => f.Span.Start)
            .ThenBy(f => f.Rule.Id, StringComparer.Ordinal)
            .ToList();
        return new LintResult(ordered, _statementCount, _sourceOrder.Count, _metaCommands);
    }

    // The catalog is complete and only read from here on: statements' checks run in parallel, their findings appended in order.
    private void RunDeferredChecks()
    {
        RunOnWorkers(_deferred.Count, (runner, i) => runner.Run(_deferred[i]));
        _deferred.Clear();
    }

    // After the deferred checks, on the workers: the rules' walks of the catalog, one declaring statement's entries at a
    // time, their findings appended statement after statement. One thread walking the whole catalog rule after rule
    // would append them rule after rule; the findings on one statement come in the same order either way, and findings
    // on different statements never have the same position, so the sort below (stable) leaves the same order.
    private void RunCatalogActions()
    {
        var statements = _rules.CatalogActions.Count == 0 ? new List<DeclaredEntries>() : Catalog.DeclarationsByStatement();
        RunOnWorkers(statements.Count, (runner, i) => runner.RunCatalogActions(statements[i]));
    }

    // Runs a step on items 0 to count - 1 with a runner per thread (on the workers for many items), appending their findings in item order.
    private void RunOnWorkers(int count, Func<DeferredCheckRunner, int, List<Finding>?> step)
    {
        var findings = ParseAhead.Process<List<Finding>?>(
            count,
            () =>
            {
                var runner = new DeferredCheckRunner(Catalog, _rules);
                return i => step(runner, i);
            },
            _ => { });
        foreach (var itemFindings in findings)
        {
            if (itemFindings is not null)
            {
                _findings.AddRange(itemFindings);
            }
        }
    }

    private void Take(SqlSource source, LintedSegment linted, ParseResult parsed)
    {
        if (parsed.Error is null)
        {
            var segment = linted.Segment;
            var statements = parsed.Statements;
            for (var i = 0; i < statements.Count; i++) // by index: foreach over the interface would allocate an enumerator per statement
            {
                var raw = statements[i];
                if (raw.Node.TryUnwrap(out var kind, out var node))
                {
                    var span = new TextSpan(segment.Span.Start + raw.Span.Start, raw.Span.Length);
                    _catalogBuilder.Observe(kind, node, new StatementSite(source, parsed.Offsets, segment.Span.Start, span, segment.TerminatorEnd, linted.Ordinal, linted.Suppressions!));
                }
            }
        }

        if (linted.Findings is not null)
        {
            _findings.AddRange(linted.Findings);
        }

        if (linted.Deferred is not null)
        {
            _deferred.Add(linted.Deferred);
        }
    }
}
