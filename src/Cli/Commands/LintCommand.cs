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
        var report = new ReportOptions();
        var fix = new Option<bool>("--fix") { Description = "Apply the automatic fixes to the files in place" };
        var config = new Option<string?>("--config") { Description = $"Configuration file (JSON; default: ./{LintConfig.DefaultFileName} when present)" };

        var command = new Command("lint", "Check SQL files for what YugabyteDB does not support or runs badly.") { paths };
        report.AddTo(command);
        command.Options.Add(fix);
        command.Options.Add(config);
        command.SetAction(parse => new LintRunner(output, error).Run(
            parse.GetValue(paths)!,
            parse.GetValue(report.Format)!,
            parse.GetValue(report.Target),
            parse.GetValue(report.FailOn)!,
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
                var exitCode = ReportOptions.Report(result, format, failOn, _output);
                return _ioFailed ? CliApp.UsageOrIoError : exitCode;
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
