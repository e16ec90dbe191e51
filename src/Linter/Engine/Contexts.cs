using System;
using System.Collections.Generic;
using System.Globalization;
using YbMigrate.Linter.Catalog;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Engine;

/// <summary>A node of a parse tree with its kind.</summary>
public readonly struct TreeNode
{
    internal TreeNode(string kind, ParseElement node)
    {
        Kind = kind;
        Node = node;
    }

    /// <summary>libpg_query's node name, e.g. "SelectStmt".</summary>
    public string Kind { get; }

    /// <summary>The node's fields.</summary>
    public ParseElement Node { get; }
}

/// <summary>What a node callback sees. Valid only during the callback.</summary>
public sealed class NodeContext
{
    private readonly StatementLinter _linter;
    private readonly List<TreeNode> _ancestors;
    private object? _sharedRead;
    private object? _sharedValue;
    private ParseElement _sharedNode;

    internal NodeContext(StatementLinter linter, List<TreeNode> ancestors)
    {
        _linter = linter;
        _ancestors = ancestors;
    }

    /// <summary>The node's kind.</summary>
    public string Kind { get; internal set; } = string.Empty;

    /// <summary>The node's fields.</summary>
    public ParseElement Node { get; internal set; }

    /// <summary>The statement the node is in.</summary>
    public StatementContext Statement { get; internal set; } = null!;

    /// <summary>The enclosing nodes, outermost (the statement) first; the node itself not included.</summary>
    public IReadOnlyList<TreeNode> Ancestors => _ancestors;

    /// <summary>The nearest enclosing node, or default for a statement node.</summary>
    public TreeNode Parent => _ancestors.Count == 0 ? default : _ancestors[_ancestors.Count - 1];

    /// <summary>True when the node is the statement itself.</summary>
    public bool IsStatement => _ancestors.Count == 0;

    internal RuleDescriptor Rule { get; set; } = null!;

    /// <summary>Reports the rule's message (formatted with <paramref name="messageArgs"/>) at <paramref name="span"/>.</summary>
    public void Report(TextSpan span, params object[] messageArgs) => _linter.Report(Rule, Statement, span, null, messageArgs);

    /// <summary>
    /// What <paramref name="read"/> makes of the current node, made once for all the rules that
    /// ask with the same delegate (keep it in a static field). Made again for the next node.
    /// </summary>
    internal T Shared<T>(Func<NodeContext, T> read)
        where T : class
    {
        if (!ReferenceEquals(_sharedRead, read) || !_sharedNode.Equals(Node))
        {
            _sharedValue = read(this);
            _sharedRead = read;
            _sharedNode = Node;
        }

        return (T)_sharedValue!;
    }

    /// <summary>Reports with an automatic fix (dropped for embedded SQL whose positions are not exact).</summary>
    public void ReportWithFix(TextSpan span, Fix? fix, params object[] messageArgs) =>
        _linter.Report(Rule, Statement, span, Statement.CanFix ? fix : null, messageArgs);

    /// <summary>Reports at the token at a parse-tree location.</summary>
    public void ReportAt(int byteLocation, params object[] messageArgs) => Report(Statement.TokenSpanAt(byteLocation), messageArgs);

    /// <summary>
    /// Runs <paramref name="check"/> once every source has been read, with the catalog of the whole
    /// schema. Capture only plain values (names, spans), never JSON elements: trees are gone by then.
    /// The closure and its delegate are kept until the end of the run: a rule that defers a check for
    /// every table, key or index passes its values to <see cref="AfterCatalog{TState}"/> instead.
    /// </summary>
    public void AfterCatalog(Action<CatalogContext> check) => AfterCatalog(check, static (context, run) => run(context));

    /// <summary>
    /// Runs <paramref name="check"/> with <paramref name="state"/> once every source has been read,
    /// with the catalog of the whole schema. Pass a static lambda (made once) and plain values (names,
    /// offsets; never JSON elements, whose trees are gone by then): the run keeps one small object per check.
    /// </summary>
    public void AfterCatalog<TState>(TState state, Action<CatalogContext, TState> check) => _linter.Defer(Rule, Statement, state, check);
}

/// <summary>What a deferred check sees: the whole schema, and a way to report. Valid only during the check.</summary>
public sealed class CatalogContext
{
    private readonly DeferredCheckRunner _runner;
    private RuleDescriptor _rule = null!;
    private StatementContext _statement = null!;
    private Suppressions _suppressions = null!;

    internal CatalogContext(DeferredCheckRunner runner, SchemaCatalog catalog)
    {
        _runner = runner;
        Catalog = catalog;
    }

    /// <summary>The schema declared by all sources.</summary>
    public SchemaCatalog Catalog { get; }

    /// <summary>In a catalog action: the entries of the catalog one statement declared, in declaration order (see <see cref="RuleRegistration.RegisterCatalogAction"/>).</summary>
    internal DeclaredEntries Declarations { get; private set; }

    /// <summary>The statement that deferred the check (its tokens are still available).</summary>
    public StatementContext Statement => _statement;

    /// <summary>Reports the rule's message at <paramref name="span"/>.</summary>
    public void Report(TextSpan span, params object[] messageArgs) => _runner.Report(_rule, _statement, _suppressions, span, null, messageArgs);

    /// <summary>Reports with an automatic fix.</summary>
    public void ReportWithFix(TextSpan span, Fix? fix, params object[] messageArgs) =>
        _runner.Report(_rule, _statement, _suppressions, span, _statement.CanFix ? fix : null, messageArgs);

    /// <summary>
    /// In a catalog action: runs <paramref name="check"/> on <paramref name="value"/> as a check
    /// deferred by <paramref name="statement"/> (the statement that declared it): reports go to that
    /// statement, with its suppressions, and a check that throws is reported on it.
    /// </summary>
    internal void CheckDeclared<T>(StatementContext statement, T value, Action<CatalogContext, T> check) =>
        _runner.CheckDeclared(_rule, statement, value, check);

    internal void StartCatalogAction(RuleDescriptor rule, DeclaredEntries declarations)
    {
        _rule = rule;
        Declarations = declarations;
    }

    internal void Start(RuleDescriptor rule, StatementContext statement, Suppressions suppressions)
    {
        _rule = rule;
        _statement = statement;
        _suppressions = suppressions;
    }
}

/// <summary>What a parse-error callback sees.</summary>
public sealed class ParseErrorContext
{
    private readonly StatementLinter _linter;

    internal ParseErrorContext(StatementLinter linter, StatementContext statement, PgQueryError error)
    {
        _linter = linter;
        Statement = statement;
        Error = error;
    }

    /// <summary>The statement that does not parse.</summary>
    public StatementContext Statement { get; }

    /// <summary>The parser's error; its position is relative to <see cref="StatementContext.ParseText"/>.</summary>
    public PgQueryError Error { get; }

    /// <summary>Source offset of the error, or the statement start when the parser gave none.</summary>
    public int ErrorOffset => Error.Position < 0 ? Statement.Span.Start : Statement.ParseTextToSource(Error.Position);

    internal bool Reported { get; private set; }

    internal RuleDescriptor Rule { get; set; } = null!;

    /// <summary>Reports the rule's message at <paramref name="span"/>; the generic syntax error is then left out.</summary>
    public void Report(TextSpan span, params object[] messageArgs)
    {
        Reported = true;
        _linter.Report(Rule, Statement, span, null, messageArgs);
    }
}

internal static class MessageText
{
    public static string Format(string format, object[] args) =>
        args.Length == 0 ? format : string.Format(CultureInfo.InvariantCulture, format, args);
}
