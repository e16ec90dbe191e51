using System;
using System.Collections.Generic;
using System.Linq;
using YbMigrate.Linter.Catalog;
using YbMigrate.Linter.Scripts;
using YbMigrate.Linter.Versions;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Engine;

/// <summary>
/// One lint run over a set of sources: every statement is parsed once, fed to the catalog and
/// walked by the rules' node callbacks; checks that need the whole schema are deferred to the end.
/// </summary>
internal sealed class LintRun
{
    private readonly LintOptions _options;
    // Indexed by node kind number (ParseNames): null where no rule registered.
    private List<(RuleDescriptor Rule, Action<NodeContext> Action)>?[] _nodeActions = Array.Empty<List<(RuleDescriptor, Action<NodeContext>)>?>();
    private readonly List<(RuleDescriptor Rule, Action<ParseErrorContext> Action)> _parseErrorActions = new();
    private readonly Dictionary<RuleDescriptor, string?> _previewNotes = new();
    private readonly List<(RuleDescriptor Rule, StatementContext Statement, Suppressions Suppressions, Action<CatalogContext> Check)> _deferred = new();
    private readonly List<Finding> _findings = new();
    private readonly CatalogBuilder _catalogBuilder;
    private readonly List<TreeNode> _ancestors = new();
    private readonly NodeContext _nodeContext;
    private readonly TreeWalker _walker;
    private readonly Dictionary<SqlSource, int> _sourceOrder = new();
    private StatementContext _statement = null!;
    private Suppressions _suppressions = null!;
    private int _statementCount;
    private int _metaCommands;

    public LintRun(LintOptions options, IEnumerable<SqlRule> rules)
    {
        _options = options;
        _catalogBuilder = new CatalogBuilder(Catalog);
        _nodeContext = new NodeContext(this, _ancestors);
        _walker = new TreeWalker(_ancestors, Dispatch);
        foreach (var rule in rules)
        {
            Register(rule);
        }
    }

    public SchemaCatalog Catalog { get; } = new();

    public void Lint(SqlSource source)
    {
        _sourceOrder[source] = _sourceOrder.Count;
        var fileSuppressions = Suppressions.ForFile(source.Text);
        foreach (var item in ParseAhead.Parse(source.Text, PsqlScriptSplitter.Split(source.Text)))
        {
            var segment = item.Segment;
            if (segment.Kind == SegmentKind.MetaCommand)
            {
                _metaCommands++;
            }
            else if (item.Parsed is { } parsed)
            {
                using (parsed)
                {
                    _suppressions = Suppressions.ForStatement(source.Text, segment.LeadingTrivia, fileSuppressions);
                    LintStatement(source, segment, parsed);
                }
            }
        }
    }

    public LintResult Finish()
    {
        for (var i = 0; i < _deferred.Count; i++)
        {
            var (rule, statement, suppressions, check) = _deferred[i];
            _suppressions = suppressions;
            Guarded(rule, statement, () => check(new CatalogContext(this, rule, statement)));
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

    public void Report(RuleDescriptor rule, StatementContext statement, TextSpan span, Fix? fix, object[] messageArgs)
    {
        if (_suppressions.Suppresses(rule.Id))
        {
            return;
        }

        _previewNotes.TryGetValue(rule, out var suffix);
        if (statement.Embedded is { } embedded)
        {
            suffix += $" (in {embedded.Container})";
        }

        _findings.Add(new Finding(rule, _options.SeverityOf(rule), statement.Source, span, messageArgs, suffix, fix));
    }

    public void Defer(RuleDescriptor rule, StatementContext statement, Action<CatalogContext> check) =>
        _deferred.Add((rule, statement, _suppressions, check));

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

        _parseErrorActions.AddRange(registration.ParseErrorActions.Select(a => (descriptor, a)));
    }

    private void LintStatement(SqlSource source, ScriptSegment segment, ParseResult parsed)
    {
        var ordinal = _statementCount++;
        if (parsed.Error is not null)
        {
            var failed = new StatementContext(source, null, parsed.Offsets, segment.Span.Start, segment.Span, segment.TerminatorEnd, ordinal, null);
            ReportParseError(failed, parsed.Error);
            return;
        }

        foreach (var raw in parsed.Statements)
        {
            var span = new TextSpan(segment.Span.Start + raw.Span.Start, raw.Span.Length);
            var statement = new StatementContext(source, null, parsed.Offsets, segment.Span.Start, span, segment.TerminatorEnd, ordinal, null);
            if (Syntax.PgJson.TryUnwrap(raw.Node, out var kind, out var node))
            {
                _catalogBuilder.Observe(kind, node, ordinal, source.Path, span);
                Walk(statement, raw.Node);
                if (kind is "CreateFunctionStmt" or "DoStmt")
                {
                    LintRoutineBody(statement, kind, node);
                }

                statement.ReleaseTokens();
            }
        }
    }

    private void LintRoutineBody(StatementContext statement, string kind, ParseElement node)
    {
        var embedded = RoutineBodies.Extract(kind, node, statement, out var bodyError);
        if (bodyError is not null)
        {
            var position = bodyError.Context is null ? string.Empty : $" ({bodyError.Context.Trim()})";
            Report(EngineDiagnostics.SyntaxError, statement, statement.TokenSpanAt(-1), null, new object[] { "PL/pgSQL body does not parse: " + bodyError.Message + position });
            return;
        }

        foreach (var sql in embedded)
        {
            using var parsed = PgQuery.PgQuery.Parse(sql.ParseText);
            if (parsed.Error is not null)
            {
                continue; // The PL/pgSQL parser accepted the body; an expression we could not rebuild is not the user's error.
            }

            foreach (var raw in parsed.Statements)
            {
                var start = sql.Origin.SourceStart + Math.Max(raw.Span.Start - sql.Origin.SyntheticPrefixLength, 0);
                var span = new TextSpan(start, Math.Max(raw.Span.Length - sql.Origin.SyntheticPrefixLength, 0));
                var context = new StatementContext(statement.Source, sql.ParseText, parsed.Offsets, sql.Origin.SourceStart, span, span.End, statement.Ordinal, sql.Origin);
                Walk(context, raw.Node);
                context.ReleaseTokens();
            }
        }
    }

    private void Walk(StatementContext statement, ParseElement wrapper)
    {
        if (_nodeActions.Length == 0)
        {
            return;
        }

        _statement = statement;
        _nodeContext.Statement = statement;
        _walker.Walk(wrapper);
    }

    private void Dispatch(ParseNode node)
    {
        if (node.KindId >= _nodeActions.Length || _nodeActions[node.KindId] is not { } actions)
        {
            return;
        }

        foreach (var (rule, action) in actions)
        {
            _nodeContext.Kind = node.Kind;
            _nodeContext.Node = node.Node;
            _nodeContext.Rule = rule;
            try
            {
                action(_nodeContext);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                ReportFailure(rule, _statement, ex);
            }
        }
    }

    private void ReportParseError(StatementContext statement, PgQueryError error)
    {
        var context = new ParseErrorContext(this, statement, error);
        foreach (var (rule, action) in _parseErrorActions)
        {
            context.Rule = rule;
            Guarded(rule, statement, () => action(context));
        }

        if (!context.Reported)
        {
            var at = context.ErrorOffset;
            var index = statement.TokenIndexAt(at);
            var span = index >= 0 ? statement.Tokens[index].Span : new TextSpan(at, 0);
            Report(EngineDiagnostics.SyntaxError, statement, span, null, new object[] { error.Message });
        }
    }

    // Rare paths (parse errors, deferred checks) take a closure; node dispatch, the hot path, inlines its try.
    private void Guarded(RuleDescriptor rule, StatementContext statement, Action action)
    {
        try
        {
            action();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            ReportFailure(rule, statement, ex);
        }
    }

    private void ReportFailure(RuleDescriptor rule, StatementContext statement, Exception ex) =>
        Report(EngineDiagnostics.RuleFailure, statement, new TextSpan(statement.Span.Start, 0), null, new object[] { rule.Id, ex.GetType().Name + ": " + ex.Message });
}
