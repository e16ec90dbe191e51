using System.Collections.Generic;

namespace YbMigrate.Linter.Engine;

/// <summary>Lints SQL sources against the YugabyteDB rule catalog.</summary>
public sealed class LintEngine
{
    private readonly LintOptions _options;
    private readonly IReadOnlyList<SqlRule> _rules;

    /// <summary>Creates an engine with the whole catalog, or with <paramref name="rules"/>.</summary>
    public LintEngine(LintOptions? options = null, IReadOnlyList<SqlRule>? rules = null)
    {
        _options = options ?? new LintOptions();
        _rules = rules ?? RuleCatalog.All;
    }

    /// <summary>
    /// Lints every source. All sources are read before the checks that need the whole schema run,
    /// so a type declared in one file is known when an index in another file uses it.
    /// </summary>
    public LintResult Lint(IEnumerable<SqlSource> sources)
    {
        var run = new LintRun(_options, _rules);
        foreach (var source in sources)
        {
            run.Lint(source);
        }

        return run.Finish();
    }

    /// <summary>Lints one SQL text.</summary>
    public LintResult Lint(string sql, string path = "input.sql") => Lint(new[] { new SqlSource(path, sql) });
}
