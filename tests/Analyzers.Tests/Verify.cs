using System.Collections.Immutable;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace YbMigrationAnalyzers.Tests;

/// <summary>Runs <see cref="SqlAnalyzer"/> on C# with Npgsql and Dapper referenced; expectations are markup in the source.</summary>
internal static class Verify
{
    private static readonly ImmutableArray<PackageIdentity> DataPackages = ImmutableArray.Create(
        new PackageIdentity("Npgsql", "8.0.5"),
        new PackageIdentity("Dapper", "2.1.66"),
        new PackageIdentity("Microsoft.EntityFrameworkCore", "8.0.30"),
        new PackageIdentity("Microsoft.EntityFrameworkCore.Relational", "8.0.30"));

    static Verify()
    {
        // With an empty package cache, the first resolution downloads the packages but leaves them
        // out of its result (and caches that per package set), transitive ones included, so each
        // package the tests compile against is listed. Resolving each package alone first
        // fills the disk cache, so the set the tests use resolves completely.
        foreach (var package in DataPackages)
        {
            ReferenceAssemblies.Net.Net80.AddPackages(ImmutableArray.Create(package)).ResolveAsync(LanguageNames.CSharp, default).GetAwaiter().GetResult();
        }

        WithNpgsqlAndDapper = ReferenceAssemblies.Net.Net80.AddPackages(DataPackages);
    }

    /// <summary>.NET 8 reference assemblies with the data access packages the analyzer knows (Npgsql, Dapper, EF Core).</summary>
    public static ReferenceAssemblies WithNpgsqlAndDapper { get; }

    public static CSharpAnalyzerTest<SqlAnalyzer, DefaultVerifier> Test(string source, ReferenceAssemblies? references = null)
    {
        var test = new CSharpAnalyzerTest<SqlAnalyzer, DefaultVerifier>
        {
            TestCode = source,
            ReferenceAssemblies = references ?? WithNpgsqlAndDapper,
        };
        return test;
    }

    public static Task Analyze(string source, ReferenceAssemblies? references = null) => Test(source, references).RunAsync();
}
