using System.CommandLine;
using System.IO;
using System.Linq;
using YbMigrate.Linter.Configuration;
using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Reporting;
using YbMigrate.Linter.Versions;

namespace YbMigrate.Cli.Commands;

/// <summary>The options that <c>lint</c> and <c>analyze</c> share, and the report and exit code they end with.</summary>
internal sealed class ReportOptions
{
    public Option<string> Format { get; } = CreateFormat();

    public Option<string?> Target { get; } = new("--target-version")
    {
        Description = $"YugabyteDB version the SQL will run on (default {YbVersion.DefaultTarget}), e.g. 2.20, 2.25, 2024.1, 2024.2.4.0",
    };

    public Option<string> FailOn { get; } = CreateFailOn();

    public void AddTo(Command command)
    {
        command.Options.Add(Format);
        command.Options.Add(Target);
        command.Options.Add(FailOn);
    }

    /// <summary>Writes the report; returns 1 when a finding is at or above --fail-on, else 0.</summary>
    public static int Report(LintResult result, string format, string failOn, TextWriter output)
    {
        FindingsWriters.For(format)!.Write(result, output);
        LintConfig.TryParseSeverity(failOn, out var threshold);
        return result.Findings.Any(f => f.Severity >= threshold) ? CliApp.FindingsFound : CliApp.Success;
    }

    private static Option<string> CreateFormat()
    {
        var format = new Option<string>("--format") { Description = "Output format", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong(FindingsWriters.Names);
        return format;
    }

    private static Option<string> CreateFailOn()
    {
        var failOn = new Option<string>("--fail-on") { Description = "Lowest severity that makes the exit code 1", DefaultValueFactory = _ => "error" };
        failOn.AcceptOnlyFromAmong("error", "warning", "info");
        return failOn;
    }
}
