using System.Collections.Generic;

namespace YbMigrate.Linter.Engine;

/// <summary>The findings of a lint run, in source order.</summary>
public sealed class LintResult
{
    /// <summary>Creates a result; findings are expected in source order.</summary>
    public LintResult(IReadOnlyList<Finding> findings, int statementCount, int sourceCount, int skippedMetaCommands)
    {
        Findings = findings;
        StatementCount = statementCount;
        SourceCount = sourceCount;
        SkippedMetaCommands = skippedMetaCommands;
    }

    /// <summary>Every finding, ordered by source, then position.</summary>
    public IReadOnlyList<Finding> Findings { get; }

    /// <summary>Top-level statements read.</summary>
    public int StatementCount { get; }

    /// <summary>Sources read.</summary>
    public int SourceCount { get; }

    /// <summary>psql meta-commands recognised and skipped.</summary>
    public int SkippedMetaCommands { get; }
}
