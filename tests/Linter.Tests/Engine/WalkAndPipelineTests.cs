using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Scripts;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;
using YbMigrate.PgQuery;

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
        var made = 0;
        var discarded = 0;
        Func<Func<int, ParseResult>> newStep = () => i =>
        {
            Interlocked.Increment(ref made);
            return PgQuery.PgQuery.Parse(script, segments[i].Span.Start, segments[i].Span.Length);
        };

        var read = 0;
        foreach (var parsed in ParseAhead.Process(segments.Count, newStep, p => { Interlocked.Increment(ref discarded); p.Dispose(); }))
        {
            using (parsed)
            {
                var constant = parsed.Statements[0].Node.Field("SelectStmt").Items("targetList").First()
                    .Field("ResTarget").Field("val").Field("A_Const").Field("ival").Int("ival");
                Assert.Equal(read, constant);
            }

            if (++read == 300)
            {
                break; // the workers stop and what they made ahead is discarded
            }
        }

        Assert.Equal(300, read);
        Assert.True(made > 300, "the workers work ahead of the reader");
        Assert.Equal(made - read, discarded);
    }

    [Fact]
    public void Node_callbacks_and_deferred_checks_of_a_long_script_run_on_the_workers_the_checks_after_the_last_statement()
    {
        var script = string.Concat(Enumerable.Range(0, 1000).Select(i => $"CREATE TABLE t{i} (id int);\n"));
        var rule = new ThreadRecordingRule();

        var result = new LintEngine(new LintOptions(), new SqlRule[] { rule }).Lint(script);

        var linting = Environment.CurrentManagedThreadId;
        Assert.Equal(1000, rule.CallbackThreads.Count);
        Assert.DoesNotContain(linting, rule.CallbackThreads);
        Assert.Equal(1000, rule.CheckThreads.Count);
        Assert.DoesNotContain(linting, rule.CheckThreads);
        Assert.All(rule.TablesSeenByChecks, tables => Assert.Equal(1000, tables));
        Assert.Equal(1000, result.Findings.Count);
    }

    [Fact]
    public void Findings_of_deferred_checks_run_in_parallel_keep_the_order_they_would_have_in_one_thread()
    {
        // Every check reports at the start of the script, so the sort keeps the order the findings were appended in.
        var script = string.Concat(Enumerable.Range(0, 2000).Select(i => $"CREATE TABLE t{i} (id int);\n"));
        var rule = new ThreadRecordingRule(checksPerStatement: 3);

        var findings = new LintEngine(new LintOptions(), new SqlRule[] { rule }).Lint(script).Findings;

        var expected = Enumerable.Range(0, 2000).SelectMany(i => Enumerable.Range(0, 3).Select(check => $"t{i} check {check}"));
        Assert.Equal(expected, findings.Select(f => f.Message));
    }

    [Fact]
    public void The_workers_start_on_the_first_items_before_the_rest_are_known_and_results_come_back_in_order()
    {
        var items = new CountingItems(5000);
        var completeAtFirstResult = true;
        var taken = new List<int>();

        foreach (var result in ParseAhead.Process<int>(items, () => i => i * 2, _ => { }))
        {
            completeAtFirstResult &= taken.Count > 0 || items.Complete;
            taken.Add(result);
        }

        Assert.False(completeAtFirstResult, "the first results are taken before the last items are known");
        Assert.Equal(Enumerable.Range(0, 5000).Select(i => i * 2), taken);
        Assert.True(items.Complete);
    }

    [Fact]
    public void A_script_split_while_it_is_parsed_keeps_every_segment_its_place_and_its_statement_number()
    {
        // More segments than a chunk of split segments holds, with meta-commands, COPY data and empty statements between
        // statements, in two files: every statement is reported once, in order, with its number in the whole run.
        var first = new StringBuilder();
        for (var i = 0; i < 6000; i++)
        {
            first.Append(i % 500 == 0 ? "\\set x 1\n" : string.Empty).Append(i % 700 == 0 ? ";\n" : string.Empty);
            first.Append(i % 900 == 0 ? $"COPY t{i} FROM stdin;\n1\t2\n\\.\n" : $"SELECT probe({i});\n");
        }

        var second = string.Concat(Enumerable.Range(0, 300).Select(i => $"SELECT probe(s{i});\n"));
        var sources = new[] { new SqlSource("first.sql", first.ToString()), new SqlSource("second.sql", second) };
        var rule = new OrdinalRule();

        var result = new LintEngine(new LintOptions(), new SqlRule[] { rule }).Lint(sources);

        var statements = sources.SelectMany(source => PsqlScriptSplitter.Split(source.Text)
            .Where(s => s.Kind == SegmentKind.Statement && s.Span.Length > 0)
            .Select(s => (source.Path, s.Span.Start))).ToList();
        Assert.Equal(statements.Count, result.StatementCount);
        Assert.Equal(statements.Select((s, ordinal) => $"{s.Path}@{s.Start} #{ordinal}"), result.Findings.Select(f => $"{f.Source.Path}@{f.Span.Start} {f.Message}"));
    }

    [Fact]
    public void A_string_left_open_in_the_middle_of_a_long_script_runs_to_its_end_and_the_statements_before_it_are_linted()
    {
        var script = string.Concat(Enumerable.Range(0, 3000).Select(i => i == 1700 ? "SELECT 'never closed;\n" : $"SELECT probe({i});\n"));

        var result = new LintEngine(new LintOptions(), new SqlRule[] { new ProbeCallRule() }).Lint(script, "open.sql");

        Assert.Equal(1701, result.StatementCount);
        Assert.Equal(1700, result.Findings.Count(f => f.Rule.Id == "YB9001"));
        var error = Assert.Single(result.Findings, f => f.Rule.Id == "YB0001");
        Assert.Equal(script.IndexOf("SELECT 'never", StringComparison.Ordinal), error.Span.Start - "SELECT ".Length);
    }

    [Fact]
    public void A_short_script_is_linted_on_the_calling_thread()
    {
        var rule = new ThreadRecordingRule();

        new LintEngine(new LintOptions(), new SqlRule[] { rule }).Lint("CREATE TABLE a (id int);\nCREATE TABLE b (id int);");

        Assert.Equal(new[] { Environment.CurrentManagedThreadId, Environment.CurrentManagedThreadId }, rule.CallbackThreads);
        Assert.Equal(rule.CallbackThreads, rule.CheckThreads);
    }

    /// <summary>Records the threads its callbacks and deferred checks run on, and the tables each check sees; each check reports.</summary>
    private sealed class ThreadRecordingRule : SqlRule
    {
        private readonly int _checksPerStatement;

        public ThreadRecordingRule(int checksPerStatement = 1) => _checksPerStatement = checksPerStatement;

        public ConcurrentBag<int> CallbackThreads { get; } = new();

        public ConcurrentBag<int> CheckThreads { get; } = new();

        public ConcurrentBag<int> TablesSeenByChecks { get; } = new();

        public override RuleDescriptor Descriptor { get; } = new("YB9004", "threads", Severity.Info, RuleCategory.Caveat, Availability.Never, "{0} check {1}", ProbeCallRule.Docs);

        public override void Initialize(RuleRegistration registration) => registration.RegisterNodeAction(
            context =>
            {
                CallbackThreads.Add(Environment.CurrentManagedThreadId);
                var table = context.Node.Field("relation").Str("relname");
                for (var check = 0; check < _checksPerStatement; check++)
                {
                    var number = check;
                    context.AfterCatalog(deferred =>
                    {
                        CheckThreads.Add(Environment.CurrentManagedThreadId);
                        TablesSeenByChecks.Add(deferred.Catalog.Tables.Count());
                        deferred.Report(new TextSpan(0, 6), table!, number);
                    });
                }
            },
            "CreateStmt");
    }

    /// <summary>Items 0 to count - 1, made known only as far as the pipeline reads ahead.</summary>
    private sealed class CountingItems : IItemSource
    {
        private readonly int _total;

        public CountingItems(int total) => _total = total;

        public int Count { get; private set; }

        public bool Complete => Count == _total;

        public void ReadAhead(int count) => Count = Math.Max(Count, Math.Min(count, _total));
    }

    /// <summary>Reports every SELECT and COPY statement with the run's number of the statement.</summary>
    private sealed class OrdinalRule : SqlRule
    {
        public override RuleDescriptor Descriptor { get; } = new("YB9006", "ordinal", Severity.Info, RuleCategory.Caveat, Availability.Never, "#{0}", ProbeCallRule.Docs);

        public override void Initialize(RuleRegistration registration) => registration.RegisterNodeAction(
            context =>
            {
                if (context.IsStatement)
                {
                    context.Report(context.Statement.Span, context.Statement.Ordinal);
                }
            },
            "SelectStmt",
            "CopyStmt");
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
