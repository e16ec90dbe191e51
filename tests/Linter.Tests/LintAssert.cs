using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Versions;

namespace YbMigrate.Linter.Tests;

/// <summary>
/// Rule test helpers. Expected spans are marked in the SQL with [| and |]:
/// <c>CREATE [|UNLOGGED|] TABLE t (id int primary key)</c>.
/// </summary>
public static class LintAssert
{
    public static LintResult Lint(string sql, string? target = null, params string[] extraFiles)
    {
        var options = new LintOptions();
        if (target is not null)
        {
            options.TargetVersion = YbVersion.Parse(target);
        }

        var sources = extraFiles.Select((text, i) => new SqlSource($"extra{i}.sql", text)).ToList();
        sources.Add(new SqlSource("test.sql", sql));
        return new LintEngine(options).Lint(sources);
    }

    /// <summary>Asserts that <paramref name="ruleId"/> reports exactly the marked spans of <paramref name="markedSql"/>.</summary>
    public static IReadOnlyList<Finding> Flags(string ruleId, string markedSql, string? target = null, params string[] extraFiles)
    {
        var (sql, expected) = ParseMarkup(markedSql);
        var findings = Lint(sql, target, extraFiles).Findings.Where(f => f.Rule.Id == ruleId && f.Source.Path == "test.sql").ToList();
        var actual = findings.Select(f => (f.Span.Start, f.Span.End)).ToList();
        Assert.True(
            expected.SequenceEqual(actual),
            $"{ruleId} expected at {Describe(sql, expected)} but reported at {Describe(sql, actual)}:\n{string.Join("\n", findings.Select(f => f.Message))}");
        Assert.NotEmpty(expected);
        return findings;
    }

    /// <summary>Asserts that <paramref name="ruleId"/> reports nothing on <paramref name="sql"/>, and that it parses.</summary>
    public static void Clean(string ruleId, string sql, string? target = null, params string[] extraFiles)
    {
        var result = Lint(sql, target, extraFiles);
        var findings = result.Findings.Where(f => f.Source.Path == "test.sql" && (f.Rule.Id == ruleId || f.Rule.Id == "YB0001" || f.Rule.Id == "YB0002")).ToList();
        Assert.True(findings.Count == 0, $"expected no {ruleId} but got:\n{string.Join("\n", findings.Select(f => $"{f.Rule.Id} {f.Start}: {f.Message}"))}");
    }

    /// <summary>Asserts that applying <paramref name="ruleId"/>'s fixes turns <paramref name="before"/> into <paramref name="after"/>, and that the result is clean.</summary>
    public static void Fixes(string ruleId, string before, string after, string? target = null)
    {
        var source = new SqlSource("test.sql", before);
        var options = new LintOptions();
        if (target is not null)
        {
            options.TargetVersion = YbVersion.Parse(target);
        }

        var findings = new LintEngine(options).Lint(new[] { source }).Findings.Where(f => f.Rule.Id == ruleId).ToList();
        Assert.NotEmpty(findings);
        Assert.All(findings, f => Assert.NotNull(f.Fix));
        var (fixedText, applied) = FixApplier.Apply(source, findings);
        Assert.True(applied > 0);
        Assert.Equal(after, fixedText);
        Clean(ruleId, fixedText, target);
    }

    public static (string Sql, List<(int Start, int End)> Spans) ParseMarkup(string marked)
    {
        var sql = new StringBuilder();
        var spans = new List<(int, int)>();
        var open = new Stack<int>();
        for (var i = 0; i < marked.Length; i++)
        {
            if (i + 1 < marked.Length && marked[i] == '[' && marked[i + 1] == '|')
            {
                open.Push(sql.Length);
                i++;
            }
            else if (i + 1 < marked.Length && marked[i] == '|' && marked[i + 1] == ']')
            {
                spans.Add((open.Pop(), sql.Length));
                i++;
            }
            else
            {
                sql.Append(marked[i]);
            }
        }

        spans.Sort();
        return (sql.ToString(), spans);
    }

    private static string Describe(string sql, IEnumerable<(int Start, int End)> spans) =>
        "[" + string.Join(", ", spans.Select(s => $"'{sql.Substring(s.Start, Math.Max(0, s.End - s.Start))}'@{s.Start}")) + "]";
}
