using System;
using System.CommandLine;
using System.IO;
using System.Threading;
using Microsoft.Build.Locator;
using YbMigrate.Cli.Analysis;
using YbMigrate.Linter.Versions;

namespace YbMigrate.Cli.Commands;

/// <summary><c>dotnet yb-migrate analyze App.sln</c>: the analyzers over a whole solution, as in the IDE and dotnet build.</summary>
internal static class AnalyzeCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var path = new Argument<string>("SOLUTION") { Description = "A .sln/.slnx solution or a .csproj project (restored: run dotnet restore first)" };
        var report = new ReportOptions();
        var command = new Command("analyze", "Find SQL embedded in the C# of a solution and check it for YugabyteDB.") { path };
        report.AddTo(command);
        command.SetAction((parse, cancellation) =>
        {
            var target = parse.GetValue(report.Target);
            return System.Threading.Tasks.Task.FromResult(Run(parse.GetValue(path)!, target, parse.GetValue(report.Format)!, parse.GetValue(report.FailOn)!, output, error, cancellation));
        });
        return command;
    }

    private static int Run(string path, string? target, string format, string failOn, TextWriter output, TextWriter error, CancellationToken cancellation)
    {
        if (!File.Exists(path))
        {
            error.WriteLine($"error: {path}: no such solution or project file.");
            return CliApp.UsageOrIoError;
        }

        YbVersion? version = null;
        if (target is not null && !YbVersion.TryParse(target, out version))
        {
            error.WriteLine($"error: '{target}' is not a YugabyteDB version (e.g. 2.20, 2024.2, 2025.2.3.0).");
            return CliApp.UsageOrIoError;
        }

        // MSBuild must be located before any type of MSBuildWorkspace is loaded.
        if (!MSBuildLocator.IsRegistered)
        {
            MSBuildLocator.RegisterDefaults();
        }

        return Analyze(Path.GetFullPath(path), version, format, failOn, output, error, cancellation);
    }

    private static int Analyze(string path, YbVersion? target, string format, string failOn, TextWriter output, TextWriter error, CancellationToken cancellation)
    {
        var analysis = new SolutionAnalysis(error);
        try
        {
            var result = analysis.RunAsync(path, target, cancellation).GetAwaiter().GetResult();
            foreach (var problem in analysis.LoadProblems)
            {
                error.WriteLine("warning: " + problem);
            }

            return ReportOptions.Report(result, format, failOn, output);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException)
        {
            error.WriteLine($"error: {path}: cannot be loaded: {ex.Message}");
            return CliApp.UsageOrIoError;
        }
    }
}
