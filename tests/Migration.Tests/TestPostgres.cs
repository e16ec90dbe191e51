using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Npgsql;

namespace YbMigrate.Migration.Tests;

/// <summary>
/// The real PostgreSQL server the tests run against: scripts/test.sh starts a throwaway cluster and
/// exports its connection string as YB_MIGRATE_TEST_PG. Without it the tests fail: they are never skipped.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "YB_MIGRATE_TEST_PG";

    public static string ConnectionString
    {
        get
        {
            var value = Environment.GetEnvironmentVariable(Variable);
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new InvalidOperationException(
                    $"{Variable} is not set: these tests need a real PostgreSQL. Run scripts/test.sh, which starts one, " +
                    "or `scripts/pg-cluster.sh start` then `eval \"$(scripts/pg-cluster.sh env)\"` before dotnet test.");
            }

            return value;
        }
    }

    public static void Execute(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    public static List<string> Rows(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i)))));
        }

        return rows;
    }
}

/// <summary>A database of its own for one test, dropped afterwards.</summary>
public sealed class TestDatabase : IDisposable
{
    public TestDatabase()
    {
        Name = "ybm_test_" + Guid.NewGuid().ToString("N")[..16];
        TestPostgres.Execute(TestPostgres.ConnectionString, $"CREATE DATABASE {Name}");
        ConnectionString = new NpgsqlConnectionStringBuilder(TestPostgres.ConnectionString) { Database = Name }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public void Execute(string sql) => TestPostgres.Execute(ConnectionString, sql);

    public List<string> Rows(string sql) => TestPostgres.Rows(ConnectionString, sql);

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        TestPostgres.Execute(TestPostgres.ConnectionString, $"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
    }
}

/// <summary>The checkout and the shared fixtures beside it.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    // shared/ is beside the checkout; from a worktree it can be further up.
    public static string ChinookPostgreSql
    {
        get
        {
            for (var dir = new DirectoryInfo(Root).Parent; dir is not null; dir = dir.Parent)
            {
                var path = Path.Combine(dir.FullName, "shared", "fixtures", "chinook", "Chinook_PostgreSql.sql");
                if (File.Exists(path))
                {
                    return path;
                }
            }

            throw new FileNotFoundException("shared/fixtures/chinook/Chinook_PostgreSql.sql not found beside " + Root);
        }
    }

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
