using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using YbMigrate.PgQuery;
using YbMigrationAnalyzers;

namespace YbMigrationAnalyzers.Tests;

/// <summary>
/// How the analyzer turns its own failures into diagnostics (the end-to-end case of a missing
/// libpg_query runs in scripts/test.sh, since the native library loads once per process).
/// </summary>
public class FailureTests
{
    private static AnalysisSession Session() =>
        new(CSharpCompilation.Create("app"), new AnalyzerOptions(System.Collections.Immutable.ImmutableArray<AdditionalText>.Empty));

    [Fact]
    public void An_internal_failure_becomes_yb0003_naming_the_exception_every_time()
    {
        var session = Session();
        var first = session.Failure(new InvalidOperationException("boom"), Location.None);
        var second = session.Failure(new IndexOutOfRangeException("again"), Location.None);

        Assert.Equal("YB0003", first!.Id);
        Assert.Contains("InvalidOperationException: boom", first.GetMessage());
        Assert.Equal("YB0003", second!.Id);
    }

    [Fact]
    public void A_missing_libpg_query_is_reported_once_per_compilation_with_the_install_hint()
    {
        var session = Session();
        var missing = new LibPgQueryNotFoundException("libpg_query was not found. Install it with 'apt-get install libpg-query-dev'.");

        var first = session.Failure(missing, Location.None);
        var again = session.Failure(new TypeInitializationException("x", missing), Location.None);

        Assert.Equal("YB0004", first!.Id);
        Assert.Contains("apt-get install libpg-query-dev", first.GetMessage());
        Assert.Null(again);
        Assert.Equal("YB0004", Session().Failure(missing, Location.None)!.Id);
    }
}
