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
/// which run once every source has been read.
/// </summary>
internal sealed class LintRun
{
    private readonly RuleSet _rules;
    private readonly List<DeferredCheck> _deferred = new();
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

    public void Lint(SqlSource source)
    {
        _sourceOrder[source] = _sourceOrder.Count;
        _ = source.Lines; // made once here, before the workers make findings in the source
        var fileSuppressions = Suppressions.ForFile(source.Text);
        var segments = PsqlScriptSplitter.Split(source.Text);
        var ordinals = StatementOrdinals(segments);
        var linted = ParseAhead.Process<LintedSegment>(
            segments.Count,
            () =>
            {
                var linter = new StatementLinter(_rules);
                return i => linter.Lint(source, segments[i], fileSuppressions, ordinals[i]);
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
    }

    public LintResult Finish()
    {
        for (var i = 0; i < _deferred.Count; i++)
        {
            var deferred = _deferred[i];
            var statement = deferred.Statement;
            try
            {
                deferred.Check(new CatalogContext(this, deferred.Rule, statement, deferred.Suppressions));
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Add(_rules.Failure(deferred.Rule, statement, deferred.Suppressions, ex));
            }

            if (i + 1 == _deferred.Count || _deferred[i + 1].Statement != statement)
            {
                statement.ReleaseTokens(); // a statement's checks are consecutive: they share one scan
            }
        }

        _deferred.Clear();

        var ordered = _findings
            .OrderBy(f => _sourceOrder[f.Source])
            .ThenBy(f => f.Span.Start)
            .ThenBy(f => f.Rule.Id, StringComparer.Ordinal)
            .ToList();
        return new LintResult(ordered, _statementCount, _sourceOrder.Count, _metaCommands);
    }

    public void Report(RuleDescriptor rule, StatementContext statement, Suppressions suppressions, TextSpan span, Fix? fix, object[] messageArgs) =>
        Add(_rules.Finding(rule, statement, suppressions, span, fix, messageArgs));

    // The run's number of each statement segment (meta-commands and COPY data have none), counted across sources.
    private int[] StatementOrdinals(IReadOnlyList<ScriptSegment> segments)
    {
        var ordinals = new int[segments.Count];
        for (var i = 0; i < segments.Count; i++)
        {
            ordinals[i] = _statementCount;
            if (segments[i].Kind == SegmentKind.Statement && segments[i].Span.Length > 0)
            {
                _statementCount++;
            }
        }

        return ordinals;
    }

    private void Take(SqlSource source, LintedSegment linted, ParseResult parsed)
    {
        if (parsed.Error is null)
        {
            var segment = linted.Segment;
            foreach (var raw in parsed.Statements)
            {
                if (Syntax.PgJson.TryUnwrap(raw.Node, out var kind, out var node))
                {
                    _catalogBuilder.Observe(kind, node, linted.Ordinal, source.Path, new TextSpan(segment.Span.Start + raw.Span.Start, raw.Span.Length));
                }
            }
        }

        if (linted.Findings is not null)
        {
            _findings.AddRange(linted.Findings);
        }

        if (linted.Deferred is not null)
        {
            _deferred.AddRange(linted.Deferred);
        }
    }

    private void Add(Finding? finding)
    {
        if (finding is not null)
        {
            _findings.Add(finding);
        }
    }
}
