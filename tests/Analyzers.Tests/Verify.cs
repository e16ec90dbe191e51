using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace YbMigrationAnalyzers.Tests;

/// <summary>Runs <see cref="SqlAnalyzer"/> on C# with Npgsql and Dapper referenced; expectations are markup in the source.</summary>
internal static class Verify
{
    private static readonly ImmutableArray<PackageIdentity> DataPackages = ImmutableArray.Create(
        new PackageIdentity("Npgsql", "8.0.9"),
        new PackageIdentity("Dapper", "2.1.66"),
        new PackageIdentity("Microsoft.EntityFrameworkCore", "8.0.30"),
        new PackageIdentity("Microsoft.EntityFrameworkCore.Relational", "8.0.30"),
        new PackageIdentity("Npgsql.EntityFrameworkCore.PostgreSQL", "8.0.11"));

    static Verify()
    {
        // With an empty package cache, the first resolution downloads the packages but leaves them
        // out of its result (and caches that per package set), transitive ones included, so each
        // package the tests compile against is listed. Resolving each package alone first
        // fills the disk cache, so the set the tests use resolves completely.
        // The Npgsql EF Core provider alone would ask for its minimum EF Core (8.0.11) and Npgsql
        // (8.0.6), which the feed does not carry, so it is resolved beside the versions listed above.
        foreach (var package in DataPackages)
        {
            var alone = package.Id == "Npgsql.EntityFrameworkCore.PostgreSQL"
                ? DataPackages.Where(p => p.Id == "Npgsql" || p.Id.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal) || p == package).ToImmutableArray()
                : ImmutableArray.Create(package);
            ReferenceAssemblies.Net.Net80.AddPackages(alone).ResolveAsync(LanguageNames.CSharp, default).GetAwaiter().GetResult();
        }

        WithNpgsqlAndDapper = ReferenceAssemblies.Net.Net80.AddPackages(DataPackages);
    }

    /// <summary>.NET 8 reference assemblies with the data access packages the analyzer knows (Npgsql, Dapper, EF Core with the Npgsql provider).</summary>
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
