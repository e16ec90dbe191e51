using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace YbMigrate.Cli.Tests;

public sealed class LintCommandTests : IDisposable
{
    private const string Sample = "-- cache\nCREATE UNLOGGED TABLE cache (id int PRIMARY KEY);\nCREATE INDEX ON cache USING gist (id);\n";
    private readonly string _dir = Directory.CreateTempSubdirectory("yb-cli").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CliApp.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void Text_output_gives_position_severity_rule_message_source_line_and_caret()
    {
        var path = Write("a.sql", Sample);
        var (exit, output, _) = Run("lint", path, "--target-version", "2024.1");

        Assert.Equal(1, exit);
        var lines = output.Split('\n');
        Assert.StartsWith($"{path}:2:8: error YB1002 UNLOGGED tables are not supported", lines[0]);
        Assert.Equal("    CREATE UNLOGGED TABLE cache (id int PRIMARY KEY);", lines[1]);
        Assert.Equal("           ^~~~~~~~", lines[2]);
        Assert.StartsWith($"{path}:3:29: error YB1003", lines[3]);
        Assert.Contains("2 finding(s): 2 error(s)", output);
    }

    [Fact]
    public void Json_output_has_findings_with_one_based_positions_and_a_summary()
    {
        var path = Write("a.sql", Sample);
        var (exit, output, _) = Run("lint", _dir, "--format", "json", "--target-version", "2024.1");

        Assert.Equal(1, exit);
        using var json = JsonDocument.Parse(output);
        var first = json.RootElement.GetProperty("findings")[0];
        Assert.Equal("YB1002", first.GetProperty("ruleId").GetString());
        Assert.Equal("error", first.GetProperty("severity").GetString());
        Assert.Equal(path, first.GetProperty("file").GetString());
        Assert.Equal(2, first.GetProperty("line").GetInt32());
        Assert.Equal(8, first.GetProperty("column").GetInt32());
        Assert.Equal(2, first.GetProperty("endLine").GetInt32());
        Assert.Equal(16, first.GetProperty("endColumn").GetInt32());
        Assert.True(first.GetProperty("fixable").GetBoolean());
        Assert.Equal(2, json.RootElement.GetProperty("summary").GetProperty("errors").GetInt32());
    }

    [Fact]
    public void Sarif_output_is_sarif_2_1_0_with_rule_metadata_help_uris_and_fixes()
    {
        Write("a.sql", Sample);
        var (_, output, _) = Run("lint", _dir, "--format", "sarif", "--target-version", "2024.1");

        using var sarif = JsonDocument.Parse(output);
        Assert.Equal("2.1.0", sarif.RootElement.GetProperty("version").GetString());
        var run = sarif.RootElement.GetProperty("runs")[0];
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToList();
        var result = run.GetProperty("results")[0];
        var rule = rules[result.GetProperty("ruleIndex").GetInt32()];
        Assert.Equal(result.GetProperty("ruleId").GetString(), rule.GetProperty("id").GetString());
        Assert.EndsWith("rules.md#yb1002", rule.GetProperty("helpUri").GetString());
        Assert.Equal(2, result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.Equal(string.Empty, result.GetProperty("fixes")[0].GetProperty("artifactChanges")[0].GetProperty("replacements")[0].GetProperty("insertedContent").GetProperty("text").GetString());
    }

    [Fact]
    public void Github_output_is_workflow_commands()
    {
        var path = Write("a.sql", Sample);
        var (_, output, _) = Run("lint", path, "--format", "github", "--target-version", "2024.1");
        Assert.StartsWith($"::error file={path},line=2,col=8,endLine=2,endColumn=16,title=YB1002 Unlogged table::UNLOGGED tables", output);
    }

    [Fact]
    public void Fail_on_sets_the_exit_code_threshold()
    {
        var path = Write("perf.sql", "CREATE INDEX ON t (a); CREATE INDEX ON t (a, b);");
        Assert.Equal(0, Run("lint", path).Exit);
        Assert.Equal(1, Run("lint", path, "--fail-on", "info").Exit);
    }

    [Fact]
    public void Fix_rewrites_files_minimally_and_a_second_lint_finds_nothing_fixable()
    {
        var path = Write("a.sql", Sample);
        var (_, _, error) = Run("lint", path, "--fix", "--target-version", "2024.1");

        Assert.Contains("fixed 1 finding(s) in 1 file(s)", error);
        Assert.Equal("-- cache\nCREATE TABLE cache (id int PRIMARY KEY);\nCREATE INDEX ON cache USING gist (id);\n", File.ReadAllText(path));
        var (exit, output, _) = Run("lint", path, "--target-version", "2024.1", "--format", "json");
        Assert.Equal(1, exit);
        Assert.DoesNotContain("YB1002", output);
        Run("lint", path, "--fix", "--target-version", "2024.1");
        Assert.Equal("-- cache\nCREATE TABLE cache (id int PRIMARY KEY);\nCREATE INDEX ON cache USING gist (id);\n", File.ReadAllText(path));
    }

    [Fact]
    public void Config_file_sets_target_disabled_rules_and_severities()
    {
        var path = Write("a.sql", Sample);
        var config = Write("cfg.json", "{ \"targetVersion\": \"2024.1\", \"disabledRules\": [\"YB1003\"], \"severities\": { \"YB1002\": \"warning\" } }");
        var (exit, output, _) = Run("lint", path, "--config", config);

        Assert.Equal(0, exit);
        Assert.Contains("warning YB1002", output);
        Assert.DoesNotContain("YB1003", output);
    }

    [Fact]
    public void Usage_and_io_problems_exit_2_with_a_clear_message()
    {
        var missing = Run("lint", Path.Combine(_dir, "missing.sql"));
        Assert.Equal(2, missing.Exit);
        Assert.Contains("missing.sql: no such file or folder", missing.Err);

        Assert.Equal(2, Run("lint", _dir, "--format", "xml").Exit);
        Assert.Equal(2, Run("lint", _dir, "--target-version", "15").Exit);
        Assert.Equal(2, Run("lint").Exit);

        var latin1 = Path.Combine(_dir, "latin1.sql");
        File.WriteAllBytes(latin1, Encoding.Latin1.GetBytes("SELECT 'caf\u00e9';"));
        var good = Write("good.sql", "CREATE INDEX ON t USING gist (p);");
        var mixed = Run("lint", latin1, good);
        Assert.Equal(2, mixed.Exit);
        Assert.Contains("latin1.sql: line 1: byte 0xE9", mixed.Err);
        Assert.Contains("YB1003", mixed.Out);
        Assert.DoesNotContain("   at ", mixed.Err);
    }

    [Fact]
    public void Empty_files_get_a_note_and_no_findings()
    {
        var path = Write("empty.sql", "");
        var (exit, _, error) = Run("lint", path);
        Assert.Equal(0, exit);
        Assert.Contains("empty.sql: empty file, nothing to lint", error);
    }

    [Fact]
    public void A_50_mb_script_is_linted_completely()
    {
        var path = Path.Combine(_dir, "big.sql");
        using (var writer = new StreamWriter(path))
        {
            var row = "(" + string.Join(", ", Enumerable.Range(0, 40).Select(i => $"'value {i} with some text'")) + ")";
            var insert = "INSERT INTO wide VALUES " + string.Join(",\n", Enumerable.Repeat(row, 10)) + ";\n";
            writer.Write("CREATE TABLE wide (id bigint PRIMARY KEY);\nCREATE INDEX ON wide USING gist (id);\n");
            for (var written = 0L; written < 50L * 1024 * 1024; written += insert.Length)
            {
                writer.Write(insert);
            }

            writer.Write("SELECT pg_advisory_lock(1);\nCREATE INDEX ON wide USING brin (id);\n");
        }

        var (exit, output, _) = Run("lint", path, "--format", "json", "--target-version", "2.20");
        Assert.Equal(1, exit);
        using var json = JsonDocument.Parse(output);
        var ids = json.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("ruleId").GetString()).ToList();
        Assert.Equal(2, ids.Count(id => id == "YB1003"));
        Assert.True(json.RootElement.GetProperty("summary").GetProperty("statements").GetInt32() > 4000);
    }

    [Fact]
    public void Rules_command_lists_the_catalog_and_prints_rules_md()
    {
        var (exit, output, _) = Run("rules");
        Assert.Equal(0, exit);
        Assert.Contains("YB1002", output);
        Assert.StartsWith("# YugabyteDB migration rules", Run("rules", "--markdown").Out);
    }
}
