using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using YbMigrate.Linter.Configuration;
using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Reporting;
using YbMigrate.Linter.Sources;
using YbMigrate.Linter.Versions;
using YbMigrate.PgQuery;

namespace YbMigrate.Cli.Commands;

/// <summary><c>dotnet yb-migrate lint PATH...</c>: the SQL linter.</summary>
internal static class LintCommand
{
    // --fix re-lints after each pass: a fix can reveal another (or overlap one skipped this pass).
    private const int MaxFixPasses = 5;

    public static Command Create(TextWriter output, TextWriter error)
    {
        var paths = new Argument<string[]>("PATH") { Description = ".sql files, or folders searched recursively for *.sql", Arity = ArgumentArity.OneOrMore };
        var format = new Option<string>("--format") { Description = "Output format", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong(FindingsWriters.Names);
        var target = new Option<string?>("--target-version") { Description = $"YugabyteDB version the SQL will run on (default {YbVersion.DefaultTarget}), e.g. 2.20, 2.25, 2024.1, 2024.2.4.0" };
        var failOn = new Option<string>("--fail-on") { Description = "Lowest severity that makes the exit code 1", DefaultValueFactory = _ => "error" };
        failOn.AcceptOnlyFromAmong("error", "warning", "info");
        var fix = new Option<bool>("--fix") { Description = "Apply the automatic fixes to the files in place" };
        var config = new Option<string?>("--config") { Description = $"Configuration file (JSON; default: ./{LintConfig.DefaultFileName} when present)" };

        var command = new Command("lint", "Check SQL files for what YugabyteDB does not support or runs badly.")
        {
            paths, format, target, failOn, fix, config,
        };
        command.SetAction(parse => new LintRunner(output, error).Run(
            parse.GetValue(paths)!,
            parse.GetValue(format)!,
            parse.GetValue(target),
            parse.GetValue(failOn)!,
            parse.GetValue(fix),
            parse.GetValue(config)));
        return command;
    }

    private sealed class LintRunner
    {
        private readonly TextWriter _output;
        private readonly TextWriter _error;
        private bool _ioFailed;

        public LintRunner(TextWriter output, TextWriter error)
        {
            _output = output;
            _error = error;
        }

        public int Run(string[] paths, string format, string? target, string failOn, bool fix, string? configPath)
        {
            LintOptions options;
            IReadOnlyList<string> files;
            try
            {
                options = Options(target, configPath);
                files = SqlFiles.Expand(paths);
            }
            catch (Exception ex) when (ex is LintConfigException or SqlFileException or FormatException)
            {
                _error.WriteLine("error: " + ex.Message);
                return CliApp.UsageOrIoError;
            }

            try
            {
                var engine = new LintEngine(options);
                if (fix)
                {
                    ApplyFixes(engine, files);
                }

                var result = engine.Lint(Read(files).Select(f => f.Source));
                FindingsWriters.For(format)!.Write(result, _output);
                if (_ioFailed)
                {
                    return CliApp.UsageOrIoError;
                }

                LintConfig.TryParseSeverity(failOn, out var threshold);
                return result.Findings.Any(f => f.Severity >= threshold) ? CliApp.FindingsFound : CliApp.Success;
            }
            catch (LibPgQueryNotFoundException ex)
            {
                _error.WriteLine("error: " + ex.Message);
                return CliApp.UsageOrIoError;
            }
        }

        private static LintOptions Options(string? target, string? configPath)
        {
            var options = new LintOptions();
            var config = configPath ?? (File.Exists(LintConfig.DefaultFileName) ? LintConfig.DefaultFileName : null);
            if (config is not null)
            {
                if (!File.Exists(config))
                {
                    throw new LintConfigException($"{config}: configuration file not found.");
                }

                LintConfig.Apply(config, options);
            }

            if (target is not null)
            {
                options.TargetVersion = YbVersion.Parse(target);
            }

            return options;
        }

        private List<SqlFile> Read(IReadOnlyList<string> files)
        {
            var read = new List<SqlFile>();
            foreach (var path in files)
            {
                try
                {
                    var file = SqlFiles.Read(path);
                    if (file.IsEmpty)
                    {
                        _error.WriteLine($"note: {path}: empty file, nothing to lint.");
                    }

                    read.Add(file);
                }
                catch (SqlFileException ex)
                {
                    _error.WriteLine("error: " + ex.Message);
                    _ioFailed = true;
                }
            }

            return read;
        }

        private void ApplyFixes(LintEngine engine, IReadOnlyList<string> paths)
        {
            var total = 0;
            var changedFiles = new HashSet<string>(StringComparer.Ordinal);
            for (var pass = 0; pass < MaxFixPasses; pass++)
            {
                var files = Read(paths);
                var result = engine.Lint(files.Select(f => f.Source));
                var appliedThisPass = 0;
                foreach (var file in files)
                {
                    var (text, applied) = FixApplier.Apply(file.Source, result.Findings);
                    if (applied == 0)
                    {
                        continue;
                    }

                    SqlFiles.Write(file, text);
                    appliedThisPass += applied;
                    changedFiles.Add(file.Source.Path);
                }

                total += appliedThisPass;
                if (appliedThisPass == 0)
                {
                    break;
                }
            }

            _error.WriteLine($"fixed {total} finding(s) in {changedFiles.Count} file(s).");
        }
    }
}
