using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace YbMigrationAnalyzers.Tests;

/// <summary>Target version and severities from .editorconfig, globalconfig and MSBuild; .sql AdditionalFiles.</summary>
public class ConfigurationTests
{
    // UNLOGGED tables work from 2.25 / 2024.2: reported only for an older target.
    private const string Unlogged = """
        using Npgsql;
        class C
        {
            void M(NpgsqlConnection c)
            {
                using var cmd = new NpgsqlCommand("CREATE {|YB1002:UNLOGGED|} TABLE t (id int PRIMARY KEY)", c);
            }
        }
        """;

    [Fact]
    public Task Default_target_accepts_unlogged_tables() =>
        Verify.Analyze(Unlogged.Replace("{|YB1002:UNLOGGED|}", "UNLOGGED"));

    [Fact]
    public async Task Editorconfig_target_version()
    {
        var test = Verify.Test(Unlogged);
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\nyb_migrate.target_version = 2.20\n"));
        await test.RunAsync();
    }

    [Fact]
    public async Task MSBuild_property_target_version()
    {
        var test = Verify.Test(Unlogged);
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nbuild_property.YbMigrateTargetVersion = 2024.1\n"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Editorconfig_wins_over_the_MSBuild_property()
    {
        var test = Verify.Test(Unlogged.Replace("{|YB1002:UNLOGGED|}", "UNLOGGED"));
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nbuild_property.YbMigrateTargetVersion = 2.20\n"));
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\nyb_migrate.target_version = 2025.1\n"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Severity_from_editorconfig()
    {
        var test = Verify.Test("""
            using Npgsql;
            class C
            {
                void M(NpgsqlConnection c)
                {
                    using var one = new NpgsqlCommand("CREATE INDEX i ON t USING {|#0:gist|} (g)", c);
                    using var two = new NpgsqlCommand("CREATE INDEX i ON t USING {|#1:brin|} (g)", c);
                }
            }
            """);
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\ndotnet_diagnostic.YB1003.severity = warning\n"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("YB1003", DiagnosticSeverity.Warning).WithLocation(0));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("YB1003", DiagnosticSeverity.Warning).WithLocation(1));
        await test.RunAsync();
    }

    [Fact]
    public async Task Rule_turned_off_in_editorconfig()
    {
        var test = Verify.Test(Unlogged.Replace("{|YB1002:UNLOGGED|}", "UNLOGGED"));
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\nyb_migrate.target_version = 2.20\ndotnet_diagnostic.YB1002.severity = none\n"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Sql_additional_files_are_linted_in_place()
    {
        var test = Verify.Test("class C { }");
        test.TestState.AdditionalFiles.Add(("/db/schema.sql", "-- schema\nCREATE INDEX i ON t\n  USING {|YB1003:gist|} (g);\n"));
        test.TestState.AdditionalFiles.Add(("/db/notes.txt", "CREATE INDEX i ON t USING gist (g);"));
        await test.RunAsync();
    }
}
