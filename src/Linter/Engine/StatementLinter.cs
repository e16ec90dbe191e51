using System;
using System.Collections.Generic;
using YbMigrate.Linter.Scripts;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Engine;

/// <summary>
/// A deferred whole-schema check, with the statement it is about and that statement's suppressions:
/// one object per check, kept until the catalog is complete, so a rule hands it plain values
/// (<see cref="DeferredCheck{TState}"/>) rather than a closure and a delegate.
/// </summary>
internal abstract class DeferredCheck
{
    protected DeferredCheck(RuleDescriptor rule, StatementContext statement, Suppressions suppressions)
    {
        Rule = rule;
        Statement = statement;
        Suppressions = suppressions;
    }

    public RuleDescriptor Rule { get; }

    public StatementContext Statement { get; }

    public Suppressions Suppressions { get; }

    public abstract void Run(CatalogContext context);
}

/// <summary>A deferred check as the values it needs and a method (a static lambda: made once) that checks them.</summary>
internal sealed class DeferredCheck<TState> : DeferredCheck
{
    private readonly TState _state;
    private readonly Action<CatalogContext, TState> _check;

    public DeferredCheck(RuleDescriptor rule, StatementContext statement, Suppressions suppressions, TState state, Action<CatalogContext, TState> check)
        : base(rule, statement, suppressions)
    {
        _state = state;
        _check = check;
    }

    public override void Run(CatalogContext context) => _check(context, _state);
}

/// <summary>
/// A script segment after its parse and its per-statement rules: its statement number, the parse
/// (null for meta-commands and COPY data; disposed by whoever takes the segment), the findings it
/// reported and the whole-schema checks it deferred (null when none).
/// </summary>
internal readonly struct LintedSegment
{
    public LintedSegment(ScriptSegment segment, int ordinal, ParseResult? parsed, List<Finding>? findings, DeferredCheck[]? deferred, Suppressions? suppressions)
    {
        Suppressions = suppressions;
        Segment = segment;
        Ordinal = ordinal;
        Parsed = parsed;
        Findings = findings;
        Deferred = deferred;
    }

    public ScriptSegment Segment { get; }

    public int Ordinal { get; }

    public ParseResult? Parsed { get; }

    public List<Finding>? Findings { get; }

    /// <summary>Exactly as many as deferred: they are kept until the end of the run.</summary>
    public DeferredCheck[]? Deferred { get; }

    /// <summary>The statement's suppressions (null for meta-commands and COPY data).</summary>
    public Suppressions? Suppressions { get; }
}

/// <summary>
/// Parses one statement and runs the rules' node and parse-error callbacks on it, on whichever
/// thread calls it: one instance per parse worker. None of these callbacks sees the schema
/// catalog (only deferred checks do, after the last statement), so statements are linted in
/// parallel; what they report is kept with the statement and merged in order by the run.
/// </summary>
internal sealed class StatementLinter
{
    private readonly RuleSet _rules;
    private readonly List<TreeNode> _ancestors = new();
    private readonly NodeContext _nodeContext;
    private readonly TreeWalker _walker;

    // Reused from statement to statement: each statement keeps an exact copy.
    private readonly List<DeferredCheck> _deferred = new();
    private Suppressions _suppressions = null!;
    private List<Finding>? _findings;

    public StatementLinter(RuleSet rules)
    {
        _rules = rules;
        _nodeContext = new NodeContext(this, _ancestors);
        _walker = new TreeWalker(_ancestors, Dispatch);
    }

    /// <summary>Parses a segment of <paramref name="source"/> and lints it as statement number <paramref name="ordinal"/>.</summary>
    public LintedSegment Lint(SqlSource source, ScriptSegment segment, Suppressions fileSuppressions, int ordinal)
    {
        if (segment.Kind != SegmentKind.Statement || segment.Span.Length == 0)
        {
            return new LintedSegment(segment, ordinal, null, null, null, null);
        }

        var parsed = PgQuery.PgQuery.Parse(source.Text, segment.Span.Start, segment.Span.Length);
        try
        {
            _findings = null;
            _deferred.Clear();
            _suppressions = Suppressions.ForStatement(source.Text, segment.LeadingTrivia, fileSuppressions);
            LintStatement(source, segment, parsed, ordinal);
            return new LintedSegment(segment, ordinal, parsed, _findings, _deferred.Count == 0 ? null : _deferred.ToArray(), _suppressions);
        }
        catch
        {
            parsed.Dispose();
            throw;
        }
    }

    public void Report(RuleDescriptor rule, StatementContext statement, TextSpan span, Fix? fix, object[] messageArgs) =>
        Add(_rules.Finding(rule, statement, _suppressions, span, fix, messageArgs));

    public void Defer<TState>(RuleDescriptor rule, StatementContext statement, TState state, Action<CatalogContext, TState> check) =>
        _deferred.Add(new DeferredCheck<TState>(rule, statement, _suppressions, state, check));

    private void Add(Finding? finding)
    {
        if (finding is not null)
        {
            (_findings ??= new List<Finding>()).Add(finding);
        }
    }

    private void LintStatement(SqlSource source, ScriptSegment segment, ParseResult parsed, int ordinal)
    {
        if (parsed.Error is not null)
        {
            var failed = new StatementContext(source, null, parsed.Offsets, segment.Span.Start, segment.Span, segment.TerminatorEnd, ordinal, null);
            ReportParseError(failed, parsed.Error);
            return;
        }

        var statements = parsed.Statements;
        for (var i = 0; i < statements.Count; i++) // by index: foreach over the interface would allocate an enumerator per statement
        {
            var raw = statements[i];
            var span = new TextSpan(segment.Span.Start + raw.Span.Start, raw.Span.Length);
            var statement = new StatementContext(source, null, parsed.Offsets, segment.Span.Start, span, segment.TerminatorEnd, ordinal, null);
            if (raw.Node.TryUnwrap(out var kind, out var node))
            {
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
        if (!_rules.HasNodeActions)
        {
            return;
        }

        _nodeContext.Statement = statement;
        _walker.Walk(wrapper);
    }

    private void Dispatch(ParseNode node)
    {
        if (_rules.NodeActions(node.KindId) is not { } actions)
        {
            return;
        }

        _nodeContext.Kind = node.Kind;
        _nodeContext.Node = node.Node;
        foreach (var (rule, action) in actions)
        {
            _nodeContext.Rule = rule;
            try
            {
                action(_nodeContext);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Add(_rules.Failure(rule, _nodeContext.Statement, _suppressions, ex));
            }
        }
    }

    private void ReportParseError(StatementContext statement, PgQueryError error)
    {
        var context = new ParseErrorContext(this, statement, error);
        foreach (var (rule, action) in _rules.ParseErrorActions)
        {
            context.Rule = rule;
            try
            {
                action(context);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Add(_rules.Failure(rule, statement, _suppressions, ex));
            }
        }

        if (!context.Reported)
        {
            var at = context.ErrorOffset;
            var index = statement.TokenIndexAt(at);
            var span = index >= 0 ? statement.Tokens[index].Span : new TextSpan(at, 0);
            Report(EngineDiagnostics.SyntaxError, statement, span, null, new object[] { error.Message });
        }
    }
}
