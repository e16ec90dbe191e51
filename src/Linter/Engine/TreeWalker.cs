using System;
using System.Collections.Generic;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Engine;

/// <summary>
/// Visits every node of a parse tree once, depth first, keeping the chain of ancestors. The tree
/// marks its nodes as it is read, so the walk is one pass over a flat array: a node kind no rule
/// registered for costs a flag test.
/// </summary>
internal sealed class TreeWalker
{
    private readonly List<TreeNode> _ancestors;
    private readonly Action<ParseNode> _visit;

    public TreeWalker(List<TreeNode> ancestors, Action<ParseNode> visit)
    {
        _ancestors = ancestors;
        _visit = visit;
    }

    /// <summary>Walks a node wrapper such as a statement's <c>{"CreateStmt":{..}}</c>.</summary>
    public void Walk(ParseElement wrapper)
    {
        _ancestors.Clear();
        foreach (var node in wrapper.EnumerateNodes())
        {
            while (_ancestors.Count > 0 && !_ancestors[_ancestors.Count - 1].Node.Contains(node.Node))
            {
                _ancestors.RemoveAt(_ancestors.Count - 1);
            }

            _visit(node);
            _ancestors.Add(new TreeNode(node.Kind, node.Node));
        }
    }
}
