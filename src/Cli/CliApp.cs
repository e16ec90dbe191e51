using System.CommandLine;
using System.IO;
using YbMigrate.Cli.Commands;

namespace YbMigrate.Cli;

/// <summary>The <c>dotnet yb-migrate</c> command line: parsing here, the work in the libraries.</summary>
public static class CliApp
{
    /// <summary>Exit code: nothing at or above --fail-on.</summary>
    public const int Success = 0;

    /// <summary>Exit code: findings at or above --fail-on.</summary>
    public const int FindingsFound = 1;

    /// <summary>Exit code: bad usage, or a file that could not be read or written.</summary>
    public const int UsageOrIoError = 2;

    /// <summary>Runs the command line with the given output streams; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("Lint SQL for YugabyteDB and migrate PostgreSQL / SQL Server databases to YugabyteDB.")
        {
            LintCommand.Create(output, error),
            AnalyzeCommand.Create(output, error),
            RulesCommand.Create(output),
            SchemaCommand.Create(output, error),
            ImportCommand.Create(output, error),
            ApplyCommands.CreateFinalize(output, error),
            ExportCommand.Create(output, error),
            VerifyCommand.Create(output, error),
        };

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var parseError in parsed.Errors)
            {
                error.WriteLine("error: " + parseError.Message);
            }

            error.WriteLine("Run 'dotnet yb-migrate --help' for usage.");
            return UsageOrIoError;
        }

        return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }
}
