using System;
using System.Collections.Concurrent;
using System.Linq;
using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Versions;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Tests.Engine;

/// <summary>
/// Whole-schema checks that walk the catalog's keys, indexes and foreign keys once every source is
/// read: what they report lands on the statement that declared the entry, in its file, under its
/// suppressions, in the order the entries were declared.
/// </summary>
public class CatalogActionTests
{
    [Fact]
    public void An_index_declared_in_another_file_than_its_table_is_reported_in_its_own_file_under_its_own_suppressions()
    {
        var tables = new SqlSource("tables.sql", "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint, note text);\n");
        var indexes = new SqlSource("indexes.sql", """
            CREATE INDEX orders_note_idx ON orders (note);
            -- yb-migrate:disable-next-statement YB4008
            CREATE INDEX orders_customer_idx ON orders (customer_id);
            ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customer (id);

            """);
        var load = new SqlSource("load.sql", "CREATE TABLE customer (id int PRIMARY KEY);\nINSERT INTO orders VALUES (1, 1, 'x');\n");

        var findings = new LintEngine().Lint(new[] { tables, indexes, load }).Findings;

        Assert.Equal(
            new[]
            {
                "indexes.sql:1 YB4008 orders_note_idx",
                "indexes.sql:4 YB4006 customer_id",
                "indexes.sql:4 YB4008 customer_id",
            },
            findings.Select(f => $"{f.Source.Path}:{f.Start.Line} {f.Rule.Id} {Text(f)}"));
        Assert.Contains("Foreign key \"orders_customer_fk\" on \"orders\"", findings.Last().Message);
    }

    [Fact]
    public void Entries_declared_at_the_same_place_are_reported_in_the_order_declared()
    {
        const string sql = """
            CREATE TABLE parent (id bigint PRIMARY KEY);
            CREATE TABLE child (id bigint PRIMARY KEY, parent_id bigint UNIQUE REFERENCES parent);
            INSERT INTO child VALUES (1, 1);
            """;

        var loads = new LintEngine().Lint(sql).Findings.Where(f => f.Rule.Id == "YB4008").ToList();

        Assert.Equal(new[] { "parent_id", "parent_id" }, loads.Select(Text));
        Assert.StartsWith("Unique constraint on \"child\"", loads[0].Message);
        Assert.StartsWith("Foreign key on \"child\"", loads[1].Message);
    }

    [Fact]
    public void Keys_of_statements_the_catalog_does_not_record_are_still_checked_one_by_one()
    {
        // CREATE SCHEMA's own statements and SQL in routine bodies are not in the catalog: their keys are deferred as before.
        const string sql = """
            CREATE TABLE docs (id bigint PRIMARY KEY, body jsonb);
            CREATE SCHEMA s CREATE TABLE t (x int) CREATE INDEX t_x ON t (x);
            DO $$ BEGIN CREATE INDEX docs_body_idx ON docs (body); END $$;
            INSERT INTO t VALUES (1);
            """;

        var findings = new LintEngine().Lint(sql).Findings;

        Assert.Contains(findings, f => f.Rule.Id == "YB4008" && Text(f) == "t_x");
        Assert.Contains(findings, f => f.Rule.Id == "YB2003" && Text(f) == "body" && f.Start.Line == 3);
    }

    [Fact]
    public void A_catalog_check_that_throws_is_reported_on_the_declaring_statement_and_the_walk_goes_on()
    {
        const string sql = "CREATE TABLE t (id bigint PRIMARY KEY, a int);\nCREATE INDEX bad ON t (a);\nCREATE INDEX good ON t (a);\n";

        var findings = new LintEngine(new LintOptions(), new SqlRule[] { new IndexNameRule() }).Lint(sql).Findings;

        Assert.Equal(new[] { "YB0002@2", "YB9003@3" }, findings.Select(f => $"{f.Rule.Id}@{f.Start.Line}"));
        Assert.Contains("bad index", findings[0].Message);
        Assert.Equal("CREATE INDEX good ON t (a)", Text(findings[1]));
    }

    [Fact]
    public void A_catalog_walk_that_throws_is_reported_on_the_statement_it_reached_and_the_lint_goes_on()
    {
        const string sql = "CREATE TABLE t (id bigint PRIMARY KEY, a int);\nCREATE INDEX good ON t (a);\nCREATE INDEX stop ON t (a);\nCREATE INDEX never ON t (a);\n";

        var findings = new LintEngine(new LintOptions(), new SqlRule[] { new IndexNameRule(), new WalkStopsRule() }).Lint(sql).Findings;

        Assert.Equal(new[] { "YB9003@2", "YB0002@3", "YB9003@3", "YB9003@4" }, findings.Select(f => $"{f.Rule.Id}@{f.Start.Line}"));
        Assert.Contains("YB9004", findings[1].Message);
        Assert.Contains("walk stopped", findings[1].Message);
    }

    [Fact]
    public void Catalog_actions_on_a_long_script_run_on_the_workers_and_their_findings_keep_the_order_of_one_thread_walking_rule_after_rule()
    {
        // Each action reports every unique constraint at the start of its statement, so the sort keeps the order they were appended in:
        // one thread walking the catalog action after action reports a statement's constraints for the first action, then for the second.
        var script = string.Concat(Enumerable.Range(0, 1000).Select(i => $"CREATE TABLE t{i} (a int UNIQUE, b int UNIQUE);\n"));
        var rule = new TwoWalksRule();

        var findings = new LintEngine(new LintOptions(), new SqlRule[] { rule }).Lint(script).Findings;

        var expected = Enumerable.Range(0, 1000).SelectMany(i => new[] { $"first t{i}.a", $"first t{i}.b", $"second t{i}.a", $"second t{i}.b" });
        Assert.Equal(expected, findings.Select(f => f.Message));
        Assert.Equal(2000, rule.Threads.Count);
        Assert.DoesNotContain(Environment.CurrentManagedThreadId, rule.Threads);
    }

    [Fact]
    public void A_catalog_action_failing_on_a_worker_is_reported_on_its_statement_and_the_other_statements_are_still_walked()
    {
        var script = "CREATE TABLE t (id bigint PRIMARY KEY, a int);\n" + string.Concat(Enumerable.Range(0, 1000).Select(i => $"CREATE INDEX {(i == 700 ? "bad" : i == 300 ? "stop" : $"i{i}")} ON t (a);\n"));

        var findings = new LintEngine(new LintOptions(), new SqlRule[] { new IndexNameRule(), new WalkStopsRule() }).Lint(script).Findings;

        var expected = Enumerable.Range(0, 1000).SelectMany(i => i switch
        {
            300 => new[] { "YB0002@302 YB9004: walk stopped", "YB9003@302 stop" },
            700 => new[] { "YB0002@702 YB9003: bad index" },
            _ => new[] { $"YB9003@{i + 2} i{i}" },
        });
        Assert.Equal(expected, findings.Select(f => $"{f.Rule.Id}@{f.Start.Line} " + (f.Rule.Id == "YB0002" ? Failure(f) : Text(f).Split(' ')[2])));
    }

    // "YB9004: walk stopped" for a finding that says rule YB9004 threw "walk stopped".
    private static string Failure(Finding finding) =>
        (finding.Message.Contains("YB9004") ? "YB9004: " : "YB9003: ") + (finding.Message.Contains("walk stopped") ? "walk stopped" : finding.Message.Contains("bad index") ? "bad index" : finding.Message);

    private static string Text(Finding finding) => finding.Source.Text.Substring(finding.Span.Start, finding.Span.Length);

    /// <summary>Two walks of the catalog's unique constraints, each reporting every one at the start of its statement, with the threads they ran on.</summary>
    private sealed class TwoWalksRule : SqlRule
    {
        public ConcurrentBag<int> Threads { get; } = new();

        public override RuleDescriptor Descriptor { get; } = new("YB9005", "walks", Severity.Info, RuleCategory.Caveat, Availability.Never, "{0} {1}.{2}", ProbeCallRule.Docs);

        public override void Initialize(RuleRegistration registration)
        {
            registration.RegisterCatalogAction(check => Walk(check, "first"));
            registration.RegisterCatalogAction(check => Walk(check, "second"));
        }

        private void Walk(CatalogContext check, string walk)
        {
            Threads.Add(Environment.CurrentManagedThreadId);
            foreach (var (declared, index, _) in check.Declarations)
            {
                if (index is { IsConstraint: true })
                {
                    check.CheckDeclared(declared.Statement, (walk, declared.Table.Name, index.Columns[0]), static (check, key) =>
                        check.Report(new TextSpan(check.Statement.Span.Start, 6), key.walk, key.Name, key.Item3!));
                }
            }
        }
    }

    /// <summary>Walks the catalog's indexes and fails in its own loop, not in a check, after reaching the one named stop.</summary>
    private sealed class WalkStopsRule : SqlRule
    {
        public override RuleDescriptor Descriptor { get; } = new("YB9004", "walk", Severity.Info, RuleCategory.Caveat, Availability.Never, "walk {0}", ProbeCallRule.Docs);

        public override void Initialize(RuleRegistration registration) => registration.RegisterCatalogAction(check =>
        {
            foreach (var (declared, index, _) in check.Declarations)
            {
                if (index is { IsConstraint: false })
                {
                    check.CheckDeclared(declared.Statement, index.Name, static (_, _) => { });
                    if (index.Name == "stop")
                    {
                        throw new InvalidOperationException("walk stopped");
                    }
                }
            }
        });
    }

    /// <summary>Reports every index of the catalog on its statement, and throws on the one named bad.</summary>
    private sealed class IndexNameRule : SqlRule
    {
        public override RuleDescriptor Descriptor { get; } = new("YB9003", "index", Severity.Info, RuleCategory.Caveat, Availability.Never, "index {0}", ProbeCallRule.Docs);

        public override void Initialize(RuleRegistration registration) => registration.RegisterCatalogAction(check =>
        {
            foreach (var (declared, index, _) in check.Declarations)
            {
                if (index is { IsConstraint: false })
                {
                    check.CheckDeclared(declared.Statement, index.Name, static (check, name) =>
                        check.Report(name == "bad" ? throw new InvalidOperationException("bad index") : check.Statement.Span, name!));
                }
            }
        });
    }
}
