using System;
using System.CommandLine;
using System.IO;

namespace YbMigrate.Cli.Commands;

/// <summary>
/// --target, shared by the commands that write to or read the target (schema import and finalize,
/// import, verify): the connection string from the option or YB_MIGRATE_TARGET.
/// </summary>
internal sealed class TargetOption
{
    /// <summary>The environment variable read when --target is not given (keeps passwords off the command line).</summary>
    public const string TargetVariable = "YB_MIGRATE_TARGET";

    public Option<string?> Target { get; } = new("--target") { Description = $"Target connection string (default: ${TargetVariable})" };

    /// <summary>The connection string from --target or YB_MIGRATE_TARGET; null (and an error written) when neither is given.</summary>
    public string? ConnectionString(ParseResult parse, TextWriter error)
    {
        var connection = parse.GetValue(Target) ?? Environment.GetEnvironmentVariable(TargetVariable);
        if (string.IsNullOrWhiteSpace(connection))
        {
            error.WriteLine($"error: no target: give --target or set {TargetVariable}.");
            return null;
        }

        return connection;
    }
}
