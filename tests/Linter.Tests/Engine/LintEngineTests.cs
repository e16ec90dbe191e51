using System.IO;
using System.Linq;
using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Versions;

namespace YbMigrate.Linter.Tests.Engine;

public class LintEngineTests
{
    private static LintResult Lint(string sql, LintOptions? options = null, params SqlRule[] rules) =>
        new LintEngine(options ?? new LintOptions(), rules.Length == 0 ? new SqlRule[] { new ProbeCallRule() } : rules).Lint(sql, "test.sql");

    private static string[] Flagged(LintResult result, string sql) =>
        result.Findings.Where(f => f.Rule.Id == "YB9001").Select(f => sql.Substring(f.Span.Start, f.Span.Length) + "@" + f.Start).ToArray();

    [Fact]
    public void A_statement_that_does_not_parse_is_reported_and_linting_goes_on()
    {
        const string sql = "SELECT probe(1);\nCREATE TABEL x (a int);\nSELECT probe(2);";
        var result = Lint(sql);

        var syntax = Assert.Single(result.Findings, f => f.Rule.Id == "YB0001");
        Assert.Equal("syntax error at or near \"TABEL\"", syntax.Message);
        Assert.Equal(new YbMigrate.PgQuery.LinePosition(2, 8), syntax.Start);
        Assert.Equal(new YbMigrate.PgQuery.LinePosition(2, 13), syntax.End);
        Assert.Equal(2, Flagged(result, sql).Length);
        Assert.Equal(3, result.StatementCount);
    }

    [Fact]
    public void Columns_count_utf16_chars_after_non_ascii_text()
    {
        const string sql = "SELECT 'ü😀€', probe(1);";
        Assert.Equal(new[] { "probe@1:16" }, Flagged(Lint(sql), sql));
    }

    [Fact]
    public void Sql_in_plpgsql_bodies_and_do_blocks_is_linted_at_its_place_in_the_file()
    {
        const string sql = """
            CREATE FUNCTION f(a int) RETURNS int LANGUAGE plpgsql AS $fn$
            DECLARE y int;
            BEGIN
              PERFORM probe(1);
              y := probe(2, 3);
              IF probe(4) > 0 THEN
                SELECT probe(5) INTO y FROM t WHERE id = a;
              END IF;
              RETURN y;
            END
            $fn$;
            DO $$ BEGIN PERFORM probe(6); END $$;
            CREATE FUNCTION g() RETURNS int LANGUAGE sql AS 'SELECT probe(7)';
            """;
        var flagged = Flagged(Lint(sql), sql);
        Assert.Equal(new[] { "probe@4:11", "probe@5:8", "probe@6:6", "probe@7:12", "probe@12:21", "probe@13:57" }, flagged);
    }

    [Fact]
    public void Findings_in_bodies_name_their_container_and_keep_fixes_only_where_positions_are_exact()
    {
        const string sql = "DO $$ DECLARE x int; BEGIN PERFORM probe(1); SELECT probe(2) INTO x; END $$;";
        var findings = Lint(sql).Findings.Where(f => f.Rule.Id == "YB9001").ToList();

        Assert.All(findings, f => Assert.EndsWith("(in DO block)", f.Message));
        Assert.Null(findings[0].Fix);     // PERFORM is parsed as SELECT: not the file's text
        Assert.NotNull(findings[1].Fix);  // the SELECT stands verbatim in the body
    }

    [Fact]
    public void Ddl_statements_in_plpgsql_bodies_are_linted_too()
    {
        const string sql = "DO $$ BEGIN CREATE INDEX ON t USING gist (p); END $$;";
        var finding = Assert.Single(new LintEngine().Lint(sql, "test.sql").Findings, f => f.Rule.Id == "YB1003");
        Assert.Equal("gist", sql.Substring(finding.Span.Start, finding.Span.Length));
    }

    [Fact]
    public void Bodies_with_cursors_that_libpg_query_cannot_compile_are_still_linted_without_a_false_syntax_error()
    {
        const string sql = """
            CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $$
            DECLARE
              c CURSOR FOR SELECT probe(1) FROM t;
              r record;
            BEGIN
              OPEN c;
              FETCH c INTO r;
              UPDATE t SET a = probe(2);
            END
            $$;
            """;
        var result = Lint(sql);
        Assert.DoesNotContain(result.Findings, f => f.Rule.Id == "YB0001");
        Assert.Equal(new[] { "probe@3:23", "probe@8:20" }, Flagged(result, sql));
    }

    [Fact]
    public void Unparsable_plpgsql_bodies_are_reported()
    {
        var result = Lint("CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1 END $$;");
        Assert.Contains(result.Findings, f => f.Rule.Id == "YB0001" && f.Message.StartsWith("PL/pgSQL body does not parse"));
    }

    [Fact]
    public void Inline_suppressions_apply_to_the_next_statement_or_the_whole_file()
    {
        const string sql = """
            -- yb-migrate:disable-next-statement YB9001
            SELECT probe(1);
            SELECT probe(2);
            -- yb-migrate:disable-next-statement YB1234
            SELECT probe(3);
            -- yb-migrate:disable-next-statement
            SELECT probe(4);
            """;
        Assert.Equal(new[] { "probe@3:8", "probe@5:8" }, Flagged(Lint(sql), sql));
        Assert.Empty(Flagged(Lint("SELECT probe(1);\n/* yb-migrate:disable-file YB9001 */\nSELECT probe(2);"), sql));
    }

    [Fact]
    public void Options_disable_rules_override_severities_and_skip_rules_fixed_in_the_target()
    {
        var options = new LintOptions();
        options.SeverityOverrides["YB9001"] = Severity.Error;
        Assert.Equal(Severity.Error, Lint("SELECT probe(1);", options).Findings.Single().Severity);

        options.DisabledRules.Add("YB9001");
        Assert.Empty(Lint("SELECT probe(1);", options).Findings);

        var fixedRule = new ProbeCallRule(Availability.Fixed("2.25", "2025.1"));
        Assert.Empty(Lint("SELECT probe(1);", new LintOptions(), fixedRule).Findings);
        Assert.Single(Lint("SELECT probe(1);", new LintOptions { TargetVersion = YbVersion.Parse("2024.2") }, fixedRule).Findings);
    }

    [Fact]
    public void Preview_features_are_reported_with_their_flag()
    {
        var rule = new ProbeCallRule(Availability.Never.WithPreview("2025.2.3", "ysql_probe"));
        var finding = Lint("SELECT probe(1);", new LintOptions(), rule).Findings.Single();
        Assert.Contains("ysql_probe=true", finding.Message);
    }

    [Fact]
    public void A_failing_rule_is_reported_and_the_other_rules_still_run()
    {
        var result = Lint("SELECT probe(1);", null, new ThrowingRule(), new ProbeCallRule());
        Assert.Contains(result.Findings, f => f.Rule.Id == "YB0002" && f.Message.Contains("YB9002") && f.Message.Contains("boom"));
        Assert.Contains(result.Findings, f => f.Rule.Id == "YB9001");
    }

    [Fact]
    public void The_real_chinook_script_parses_completely_with_its_meta_command_skipped()
    {
        var source = new SqlSource(RepositoryPaths.ChinookPostgreSql, File.ReadAllText(RepositoryPaths.ChinookPostgreSql));
        var result = new LintEngine().Lint(new[] { source });

        Assert.DoesNotContain(result.Findings, f => f.Rule.Id is "YB0001" or "YB0002");
        Assert.Equal(1, result.SkippedMetaCommands);
        Assert.True(result.StatementCount > 50);
    }

    [Fact]
    public void Fixes_apply_minimally_and_skip_overlaps()
    {
        const string sql = "SELECT probe(1), /* keep */ probe(2);";
        var source = new SqlSource("test.sql", sql);
        var result = new LintEngine(new LintOptions(), new SqlRule[] { new ProbeCallRule() }).Lint(new[] { source });
        var (text, applied) = FixApplier.Apply(source, result.Findings);

        Assert.Equal(2, applied);
        Assert.Equal("SELECT checked_probe(1), /* keep */ checked_probe(2);", text);
    }
}
