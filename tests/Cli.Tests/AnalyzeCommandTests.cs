using System;
using System.Diagnostics;
using System.IO;
using System.Text.Json;

namespace YbMigrate.Cli.Tests;

/// <summary>dotnet yb-migrate analyze on a real, restored solution loaded through MSBuildWorkspace.</summary>
public sealed class AnalyzeCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("yb-analyze").FullName;

    public AnalyzeCommandTests()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "App"));
        File.WriteAllText(Path.Combine(_dir, "App", "App.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
              </PropertyGroup>
              <ItemGroup>
                <AdditionalFiles Include="reports.sql" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(_dir, "App", "Program.cs"), """
            using System.Diagnostics.CodeAnalysis;

            Db.Run("CREATE INDEX orders_period_idx ON orders USING gist (period)");
            Db.Run("SELECT pg_advisory_lock(42)");
            Db.Run("SELECT count(*) FROM orders");

            static class Db
            {
                public static void Run([StringSyntax("PostgreSQL")] string sql) { }
            }
            """);
        File.WriteAllText(Path.Combine(_dir, "App", "reports.sql"), "SELECT any_value(email) FROM customer;\n");
        Process("dotnet", "new sln -n App");
        Process("dotnet", "sln add App/App.csproj");
        Process("dotnet", "restore App/App.csproj");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private void Process(string file, string arguments)
    {
        using var process = System.Diagnostics.Process.Start(new ProcessStartInfo(file, arguments) { WorkingDirectory = _dir, RedirectStandardOutput = true, RedirectStandardError = true })!;
        process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{file} {arguments} failed: {error}");
    }

    private (int Exit, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CliApp.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private string Solution => Directory.GetFiles(_dir, "App.sln*")[0];

    [Fact]
    public void Reports_sql_findings_of_a_solution_at_their_place_in_csharp_and_sql_files()
    {
        var (exit, output, _) = Run("analyze", Solution, "--format", "json", "--target-version", "2024.2");

        Assert.Equal(1, exit);
        using var json = JsonDocument.Parse(output);
        var findings = json.RootElement.GetProperty("findings");
        Assert.Equal(3, findings.GetArrayLength());
        AssertFinding(findings[0], "Program.cs", "YB1003", line: 3, column: 56);
        AssertFinding(findings[1], "Program.cs", "YB3001", line: 4, column: 16);
        AssertFinding(findings[2], "reports.sql", "YB3005", line: 1, column: 8);
    }

    [Fact]
    public void The_default_target_drops_what_newer_yugabytedb_supports_and_text_output_shows_the_source()
    {
        var (exit, output, _) = Run("analyze", Path.Combine(_dir, "App", "App.csproj"));

        Assert.Equal(1, exit);
        Assert.Contains("Program.cs:3:56: error YB1003", output);
        Assert.DoesNotContain("YB3001", output);
        Assert.Contains("^~~~", output);
    }

    [Fact]
    public void Fix_rewrites_the_literals_in_place_and_leaves_the_rest_of_the_file_alone()
    {
        var file = Path.Combine(_dir, "App", "Cleanup.cs");
        File.WriteAllText(file, """
            static class Cleanup
            {
                // Dropped before the nightly load.
                public static void Run() => Db.Run("DROP INDEX CONCURRENTLY /* big */ orders_period_idx");
            }
            """);

        var (_, _, error) = Run("analyze", Solution, "--fix");

        Assert.Contains("fixed 1 finding(s)", error);
        Assert.Equal("""
            static class Cleanup
            {
                // Dropped before the nightly load.
                public static void Run() => Db.Run("DROP INDEX /* big */ orders_period_idx");
            }
            """, File.ReadAllText(file));
        Assert.DoesNotContain("YB1035", Run("analyze", Solution).Out);
    }

    [Fact]
    public void A_missing_solution_is_a_usage_error()
    {
        var (exit, _, error) = Run("analyze", Path.Combine(_dir, "missing.sln"));
        Assert.Equal(2, exit);
        Assert.Contains("no such solution or project file", error);
    }

    private static void AssertFinding(JsonElement finding, string file, string rule, int line, int column)
    {
        Assert.EndsWith(file, finding.GetProperty("file").GetString());
        Assert.Equal(rule, finding.GetProperty("ruleId").GetString());
        Assert.Equal(line, finding.GetProperty("line").GetInt32());
        Assert.Equal(column, finding.GetProperty("column").GetInt32());
    }
}
