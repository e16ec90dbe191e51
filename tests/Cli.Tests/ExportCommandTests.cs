using System;
using System.IO;
using System.Linq;
using Npgsql;
using YbMigrate.Migration.Data;
using static YbMigrate.Cli.Tests.SchemaCommandTests;

namespace YbMigrate.Cli.Tests;

public sealed class ExportCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("yb-cli-export").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Exports_the_named_tables_with_a_line_per_file_and_a_manifest_without_the_password() => WithDatabase((_, plain) =>
    {
        var database = new NpgsqlConnectionStringBuilder(plain) { Password = "not-printed" }.ConnectionString;
        Execute(database, """
            CREATE TABLE "Line Items" (id int PRIMARY KEY, "order" text);
            INSERT INTO "Line Items" SELECT g, 'item ' || g FROM generate_series(1, 2500) g;
            CREATE TABLE skipped (id int PRIMARY KEY);
            """);

        var (exit, output, error) = Run("export", "--source", database, "--out", _dir, "--tables", "public.Line Items", "--rows-per-file", "1000", "--parallel", "2");

        Assert.True(exit == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // 3 files of at most 1,000 rows, rounded up to 4 so that the 2 readers share them evenly.
        Assert.Equal(5, lines.Length);
        Assert.All(lines[..4], l => Assert.Matches(@"^public\.Line Items  public\.line_items~[0-9a-f]{8}\.000[1-4]\.csv  [0-9,]+ rows  [0-9.]+ MB  [0-9.]+ s  [0-9.]+ MB/s$", l));
        Assert.StartsWith("exported 2,500 rows of 1 table(s) from ", lines[4]);
        Assert.Contains("into 4 file(s)", lines[4]);
        Assert.Contains("with 2 reader(s)", lines[4]);
        Assert.DoesNotContain("not-printed", output + error);
        var manifest = DataManifest.Read(_dir);
        Assert.Equal("Line Items", Assert.Single(manifest.Tables).Name);
        Assert.Equal(2500, manifest.Tables[0].RowCount);
        Assert.DoesNotContain("not-printed", manifest.Source);
        Assert.DoesNotContain("not-printed", File.ReadAllText(Path.Combine(_dir, "data", "manifest.json")));
    });

    [Fact]
    public void An_unknown_table_is_a_usage_error_naming_it() => WithDatabase((_, database) =>
    {
        Execute(database, "CREATE TABLE known (id int PRIMARY KEY);");

        var (exit, _, error) = Run("export", "--source", database, "--out", _dir, "--tables", "known,missing");

        Assert.Equal(2, exit);
        Assert.Contains("table(s) not found in the source: missing", error);
        Assert.False(File.Exists(Path.Combine(_dir, "data", "manifest.json")));
    });

    [Fact]
    public void A_source_that_cannot_be_reached_is_a_clear_error_without_its_password()
    {
        Environment.SetEnvironmentVariable("YB_MIGRATE_SOURCE", "Host=127.0.0.1;Port=1;Username=u;Password=s3cret-value;Timeout=2");
        try
        {
            var (exit, output, error) = Run("export", "--out", _dir);
            Assert.Equal(2, exit);
            Assert.Contains("error: Host=127.0.0.1;Port=1", error);
            Assert.DoesNotContain("s3cret-value", output + error);
        }
        finally
        {
            Environment.SetEnvironmentVariable("YB_MIGRATE_SOURCE", null);
        }
    }

    [Theory]
    [InlineData("--parallel", "0", "--parallel must be at least 1")]
    [InlineData("--rows-per-file", "0", "--rows-per-file must be at least 1")]
    public void Bad_numbers_are_usage_errors(string option, string value, string message)
    {
        var (exit, _, error) = Run("export", "--source", "Host=127.0.0.1;Port=1", "--out", _dir, option, value);

        Assert.Equal(2, exit);
        Assert.Contains(message, error);
    }
}
