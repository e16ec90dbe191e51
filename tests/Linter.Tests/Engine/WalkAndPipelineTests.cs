using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Scripts;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;

namespace YbMigrate.Linter.Tests.Engine;

/// <summary>The engine's walk, its node dispatch and its parallel parsing, on real parses.</summary>
public class WalkAndPipelineTests
{
    [Fact]
    public void Rules_see_each_node_of_their_kinds_with_its_ancestors()
    {
        var seen = new List<string>();
        var rule = new RecordingRule(context => seen.Add(
            context.Node.Names("fields").Last() + ": " + string.Join(" > ", context.Ancestors.Select(a => a.Kind)) + " | parent " + context.Parent.Kind), "ColumnRef");

        new LintEngine(new LintOptions(), new SqlRule[] { rule }).Lint("SELECT a FROM t WHERE b = 1 AND c IN (SELECT d FROM u);");

        Assert.Equal(
            new[]
            {
                "a: SelectStmt > ResTarget | parent ResTarget",
                "b: SelectStmt > BoolExpr > A_Expr | parent A_Expr",
                "c: SelectStmt > BoolExpr > SubLink | parent SubLink",
                "d: SelectStmt > BoolExpr > SubLink > SelectStmt > ResTarget | parent ResTarget",
            },
            seen);
    }

    [Fact]
    public void A_node_reading_shared_by_rules_is_made_once_per_node()
    {
        var reads = 0;
        Func<NodeContext, object> read = _ => new object[] { reads++ };
        var values = new List<object>();
        var first = new RecordingRule(context => values.Add(context.Shared(read)), "CreateStmt");
        var second = new RecordingRule(context => values.Add(context.Shared(read)), "CreateStmt");

        new LintEngine(new LintOptions(), new SqlRule[] { first, second }).Lint("CREATE TABLE a (x int);\nCREATE TABLE b (y int);");

        Assert.Equal(2, reads);
        Assert.Equal(4, values.Count);
        Assert.Same(values[0], values[1]);
        Assert.Same(values[2], values[3]);
        Assert.NotSame(values[0], values[2]);
    }

    [Fact]
    public void A_long_script_is_parsed_in_parallel_and_linted_in_order()
    {
        var sql = new StringBuilder();
        for (var i = 0; i < 1000; i++)
        {
            sql.Append(i % 7 == 0 ? $"SELECT probe({i});\n" : $"SELECT {i};\n");
        }

        var text = sql.ToString();
        var result = new LintEngine(new LintOptions(), new SqlRule[] { new ProbeCallRule() }).Lint(text, "long.sql");

        var expected = Enumerable.Range(0, 1000).Where(i => i % 7 == 0).Select(i => text.IndexOf($"probe({i})", StringComparison.Ordinal)).ToArray();
        Assert.Equal(expected, result.Findings.Select(f => f.Span.Start).ToArray());
        Assert.Equal(1000, result.StatementCount);
    }

    [Fact]
    public void Parsed_batches_come_back_in_order_and_stopping_early_releases_the_rest()
    {
        var script = string.Concat(Enumerable.Range(0, 2000).Select(i => $"SELECT {i};\n"));
        var segments = PsqlScriptSplitter.Split(script);

        var read = 0;
        foreach (var parsed in ParseAhead.Parse(script, segments))
        {
            using (parsed.Parsed)
            {
                var constant = parsed.Parsed!.Statements[0].Node.Field("SelectStmt").Items("targetList").First()
                    .Field("ResTarget").Field("val").Field("A_Const").Field("ival").Int("ival");
                Assert.Equal(read, constant);
            }

            if (++read == 300)
            {
                break; // the workers stop and what they parsed ahead is disposed
            }
        }

        Assert.Equal(300, read);
    }

    private sealed class RecordingRule : SqlRule
    {
        private readonly Action<NodeContext> _action;
        private readonly string _kind;

        public RecordingRule(Action<NodeContext> action, string kind)
        {
            _action = action;
            _kind = kind;
        }

        public override RuleDescriptor Descriptor { get; } = new("YB9003", "records", Severity.Info, RuleCategory.Caveat, Availability.Never, "seen", ProbeCallRule.Docs);

        public override void Initialize(RuleRegistration registration) => registration.RegisterNodeAction(_action, _kind);
    }
}
