using System.Collections.Generic;
using System.Text.Json;
using YbMigrate.Linter.Syntax;

namespace YbMigrate.Linter.Engine;

/// <summary>Visits every node of a parse tree once, depth first, keeping the chain of ancestors.</summary>
internal sealed class TreeWalker
{
    private readonly List<TreeNode> _ancestors;
    private readonly System.Action<string, JsonElement> _visit;

    public TreeWalker(List<TreeNode> ancestors, System.Action<string, JsonElement> visit)
    {
        _ancestors = ancestors;
        _visit = visit;
    }

    /// <summary>Walks a node wrapper such as a statement's <c>{"CreateStmt":{..}}</c>.</summary>
    public void Walk(JsonElement wrapper)
    {
        _ancestors.Clear();
        Visit(wrapper);
    }

    private void Visit(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Visit(item);
                }

                break;
            case JsonValueKind.Object when PgJson.TryUnwrap(element, out var kind, out var node):
                _visit(kind, node);
                _ancestors.Add(new TreeNode(kind, node));
                VisitFields(node);
                _ancestors.RemoveAt(_ancestors.Count - 1);
                break;
            case JsonValueKind.Object:
                VisitFields(element);
                break;
        }
    }

    private void VisitFields(JsonElement node)
    {
        foreach (var field in node.EnumerateObject())
        {
            var kind = field.Value.ValueKind;
            if (kind == JsonValueKind.Object || kind == JsonValueKind.Array)
            {
                Visit(field.Value);
            }
        }
    }
}
