using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using PgQueryApi = YbMigrate.PgQuery.PgQuery;

namespace YbMigrate.PgQuery.Tests;

public class ParseTreeTests
{
    [Fact]
    public void Strings_are_decoded_with_their_escapes_and_compared_in_place()
    {
        const string sql = "SELECT 'a\"b\\c' || E'x\\ny\\u00e9' AS \"wëird \"\"col\"\"\", 'plain' AS p";
        using var result = PgQueryApi.Parse(sql);

        var targets = result.Statements[0].Node.GetProperty("SelectStmt").GetProperty("targetList");
        var first = targets[0].GetProperty("ResTarget");
        Assert.Equal("wëird \"col\"", first.GetProperty("name").GetString());
        Assert.True(first.GetProperty("name").ValueEquals("wëird \"col\""));
        var concat = first.GetProperty("val").GetProperty("A_Expr");
        Assert.Equal("a\"b\\c", concat.GetProperty("lexpr").GetProperty("A_Const").GetProperty("sval").GetProperty("sval").GetString());
        Assert.Equal("x\nyé", concat.GetProperty("rexpr").GetProperty("A_Const").GetProperty("sval").GetProperty("sval").GetString());
        var plain = targets[1].GetProperty("ResTarget").GetProperty("name");
        Assert.True(plain.ValueEquals("p"));
        Assert.False(plain.ValueEquals("q"));
        Assert.Same(plain.GetString(), plain.GetString());
    }

    [Fact]
    public void Numbers_booleans_and_missing_fields_read_as_in_json()
    {
        using var result = PgQueryApi.Parse("SELECT 5, 2147483648, true FROM t WHERE x = 12");

        var select = result.Statements[0].Node.GetProperty("SelectStmt");
        var targets = select.GetProperty("targetList").EnumerateArray().Select(t => t.GetProperty("ResTarget").GetProperty("val").GetProperty("A_Const")).ToList();
        Assert.Equal(5, targets[0].GetProperty("ival").GetProperty("ival").GetInt32());
        Assert.Equal("2147483648", targets[1].GetProperty("fval").GetProperty("fval").GetString());
        Assert.Equal(ElementKind.True, targets[2].GetProperty("boolval").GetProperty("boolval").ValueKind);
        Assert.Equal("SELECT 5, 2147483648, true FROM t WHERE x = 12".IndexOf("12"), select.GetProperty("whereClause").GetProperty("A_Expr").GetProperty("rexpr").GetProperty("A_Const").GetProperty("location").GetInt32());
        Assert.False(select.TryGetProperty("limitCount", out var missing));
        Assert.Equal(ElementKind.Undefined, missing.ValueKind);
        Assert.Equal(3, select.GetProperty("targetList").GetArrayLength());
        Assert.Throws<InvalidOperationException>(() => select.GetString());
    }

    [Fact]
    public void The_tree_reads_back_as_the_same_json()
    {
        const string sql = "CREATE TABLE app.t (id bigint PRIMARY KEY, doc jsonb DEFAULT '{\"k\": \"v\\\\n\"}', at timestamptz[] NOT NULL)";
        using var result = PgQueryApi.Parse(sql);

        using var json = JsonDocument.Parse(result.Root.ToString());
        var create = json.RootElement.GetProperty("stmts")[0].GetProperty("stmt").GetProperty("CreateStmt");
        Assert.Equal("t", create.GetProperty("relation").GetProperty("relname").GetString());
        Assert.Equal(3, create.GetProperty("tableElts").GetArrayLength());
        Assert.Equal(Shape(json.RootElement), Shape(result.Root));
        var typeName = result.Statements[0].Node.GetProperty("CreateStmt").GetProperty("tableElts")[0].GetProperty("ColumnDef").GetProperty("typeName");
        Assert.Equal(-1, typeName.GetProperty("typemod").GetInt32());
    }

    [Fact]
    public void Nodes_are_enumerated_depth_first_in_document_order_with_their_nesting()
    {
        using var result = PgQueryApi.Parse("SELECT f(a, b + 1) FROM t WHERE c IN (SELECT d FROM u)");
        var statement = result.Statements[0].Node;

        var expected = new List<(string Kind, int Depth)>();
        Walk(statement, 0, expected);
        var enumerated = new List<(string Kind, int Depth)>();
        var open = new List<ParseElement>();
        foreach (var node in statement.EnumerateNodes())
        {
            while (open.Count > 0 && !open[open.Count - 1].Contains(node.Node))
            {
                open.RemoveAt(open.Count - 1);
            }

            Assert.Equal(node.Kind, ParseNames.Name(node.KindId));
            enumerated.Add((node.Kind, open.Count));
            open.Add(node.Node);
        }

        Assert.Equal(expected, enumerated);
        Assert.Contains(("ColumnRef", 4), enumerated);
        Assert.Equal("SelectStmt", enumerated[0].Kind);
    }

    [Fact]
    public void A_statement_parsed_in_place_reads_as_if_parsed_alone()
    {
        const string script = "SELECT 1;\nUPDATE t SET name = 'ü' WHERE id = 42;\nSELECT 2;";
        var start = script.IndexOf("UPDATE");
        var length = script.IndexOf(";\nSELECT 2") - start;

        using var inPlace = PgQueryApi.Parse(script, start, length);
        using var alone = PgQueryApi.Parse(script.Substring(start, length));

        Assert.Equal(alone.Root.ToString(), inPlace.Root.ToString());
        Assert.Equal(alone.Statements[0].Span, inPlace.Statements[0].Span);
        Assert.Equal(alone.Offsets.ByteLength, inPlace.Offsets.ByteLength);
        Assert.Equal(alone.Offsets.ToCharOffset(30), inPlace.Offsets.ToCharOffset(30));
    }

    [Fact]
    public void Deeply_nested_expressions_are_read_without_recursion()
    {
        var sql = "SELECT " + string.Join(" + ", Enumerable.Range(1, 800));
        using var result = PgQueryApi.Parse(sql);

        Assert.Null(result.Error);
        var additions = 0;
        foreach (var node in result.Statements[0].Node.EnumerateNodes())
        {
            additions += node.Kind == "A_Expr" ? 1 : 0;
        }

        Assert.Equal(799, additions);
    }

    [Fact]
    public void Elements_cannot_be_read_once_their_parse_is_disposed()
    {
        var result = PgQueryApi.Parse("SELECT 1");
        var node = result.Statements[0].Node;
        result.Dispose();

        Assert.Throws<ObjectDisposedException>(() => node.TryGetProperty("SelectStmt", out _));
    }

    private static void Walk(ParseElement element, int depth, List<(string Kind, int Depth)> found)
    {
        if (element.TryUnwrap(out var kind, out var node))
        {
            found.Add((kind, depth));
            depth++;
            element = node;
        }

        foreach (var field in element.EnumerateObject())
        {
            Walk(field.Value, depth, found);
        }

        foreach (var item in element.EnumerateArray())
        {
            Walk(item, depth, found);
        }
    }

    private static string Shape(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "{" + string.Join(",", element.EnumerateObject().Select(p => p.Name + ":" + Shape(p.Value))) + "}",
        JsonValueKind.Array => "[" + string.Join(",", element.EnumerateArray().Select(Shape)) + "]",
        _ => element.GetRawText(),
    };

    private static string Shape(ParseElement element) => element.ValueKind switch
    {
        ElementKind.Object => "{" + string.Join(",", element.EnumerateObject().Select(p => p.Name + ":" + Shape(p.Value))) + "}",
        ElementKind.Array => "[" + string.Join(",", element.EnumerateArray().Select(Shape)) + "]",
        _ => element.ToString(),
    };
}
