using System;
using System.CommandLine;
using System.IO;
using System.Threading;
using Microsoft.Build.Locator;
using System.Linq;
using YbMigrate.Cli.Analysis;
using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Sources;
using YbMigrate.Linter.Versions;

namespace YbMigrate.Cli.Commands;

/// <summary><c>dotnet yb-migrate analyze App.sln</c>: the analyzers over a whole solution, as in the IDE and dotnet build.</summary>
internal static class AnalyzeCommand
{
    private const int MaxFixPasses = 3;

    public static Command Create(TextWriter output, TextWriter error)
    {
        var path = new Argument<string>("SOLUTION") { Description = "A .sln/.slnx solution or a .csproj project (restored: run dotnet restore first)" };
        var report = new ReportOptions();
        var fix = new Option<bool>("--fix") { Description = "Apply every available fix to the source files in place" };
        var command = new Command("analyze", "Find SQL embedded in the C# of a solution and check it for YugabyteDB.") { path };
        report.AddTo(command);
        command.Options.Add(fix);
        command.SetAction((parse, cancellation) => System.Threading.Tasks.Task.FromResult(Run(
            new Request(parse.GetValue(path)!, parse.GetValue(report.Target), parse.GetValue(report.Format)!, parse.GetValue(report.FailOn)!, parse.GetValue(fix)),
            output,
            error,
            cancellation)));
        return command;
    }

    private static int Run(Request request, TextWriter output, TextWriter error, CancellationToken cancellation)
    {
        var (path, target) = (request.Path, request.Target);
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

        return Analyze(request with { Path = Path.GetFullPath(path) }, version, output, error, cancellation);
    }

    private static int Analyze(Request request, YbVersion? target, TextWriter output, TextWriter error, CancellationToken cancellation)
    {
        var path = request.Path;
        try
        {
            var result = AnalyzeOnce(path, target, error, cancellation);
            if (request.Fix)
            {
                result = FixAll(path, target, result, error, cancellation);
            }

            return ReportOptions.Report(result, request.Format, request.FailOn, output);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException)
        {
            error.WriteLine($"error: {path}: cannot be loaded: {ex.Message}");
            return CliApp.UsageOrIoError;
        }
    }

    private static LintResult AnalyzeOnce(string path, YbVersion? target, TextWriter error, CancellationToken cancellation)
    {
        var analysis = new SolutionAnalysis(error);
        var result = analysis.RunAsync(path, target, cancellation).GetAwaiter().GetResult();
        foreach (var problem in analysis.LoadProblems)
        {
            error.WriteLine("warning: " + problem);
        }

        return result;
    }

    // Applies the fixes file by file and analyzes again: a fix can reveal another, or one skipped for overlapping.
    private static LintResult FixAll(string path, YbVersion? target, LintResult result, TextWriter error, CancellationToken cancellation)
    {
        var total = 0;
        for (var pass = 0; pass < MaxFixPasses && result.Findings.Any(f => f.Fix is not null); pass++)
        {
            foreach (var source in result.Findings.Where(f => f.Fix is not null).Select(f => f.Source).Distinct())
            {
                var file = SqlFiles.Read(source.Path);
                if (file.Source.Text != source.Text)
                {
                    error.WriteLine($"warning: {source.Path} changed while it was analyzed; not fixed.");
                    continue;
                }

                var (text, applied) = FixApplier.Apply(source, result.Findings);
                SqlFiles.Write(file, text);
                total += applied;
            }

            result = AnalyzeOnce(path, target, error, cancellation);
        }

        error.WriteLine($"fixed {total} finding(s).");
        return result;
    }

    private sealed record Request(string Path, string? Target, string Format, string FailOn, bool Fix);
}
