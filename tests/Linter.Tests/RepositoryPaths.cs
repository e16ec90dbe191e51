using System;
using System.IO;

namespace YbMigrate.Linter.Tests;

/// <summary>Paths of the checkout and of ../shared beside it (fixtures), found from the test binaries.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static string ChinookPostgreSql => Path.Combine(Shared, "fixtures", "chinook", "Chinook_PostgreSql.sql");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "YbMigrationAnalyzers.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("YbMigrationAnalyzers.sln not found above " + AppContext.BaseDirectory);
    }
}
