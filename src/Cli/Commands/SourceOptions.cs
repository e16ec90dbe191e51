using System;
using System.CommandLine;
using System.IO;
using YbMigrate.Migration.Data.Export;
using YbMigrate.Migration.Sources;
using YbMigrate.Migration.Sources.PostgreSql;
using YbMigrate.Migration.Sources.SqlServer;

namespace YbMigrate.Cli.Commands;

/// <summary>
/// --source and --source-type, shared by the commands that read a source database (schema export,
/// export): the connection string from the option or YB_MIGRATE_SOURCE, opened as the right provider,
/// with one way of reporting a connection that fails. Passwords are never printed.
/// </summary>
internal sealed class SourceOptions
{
    /// <summary>The environment variable read when --source is not given (keeps passwords off the command line).</summary>
    public const string SourceVariable = "YB_MIGRATE_SOURCE";

    public SourceOptions()
    {
        Type.AcceptOnlyFromAmong("postgresql", "sqlserver");
    }

    public Option<string?> Source { get; } = new("--source") { Description = $"Source connection string (default: ${SourceVariable})" };

    public Option<string> Type { get; } = new("--source-type") { Description = "Source database kind", DefaultValueFactory = _ => "postgresql" };

    /// <summary>The connection string from --source or YB_MIGRATE_SOURCE; null (and an error written) when neither is given.</summary>
    public string? ConnectionString(System.CommandLine.ParseResult parse, TextWriter error)
    {
        var connection = parse.GetValue(Source) ?? Environment.GetEnvironmentVariable(SourceVariable);
        if (string.IsNullOrWhiteSpace(connection))
        {
            error.WriteLine($"error: no source: give --source or set {SourceVariable}.");
            return null;
        }

        return connection;
    }

    /// <summary>
    /// Opens the source the parse result names and runs <paramref name="work"/> on it with its
    /// password-free display string. Returns <paramref name="work"/>'s exit code, or 2 with a message
    /// when there is no source, the connection string is bad or the server cannot be reached.
    /// </summary>
    public int Run(System.CommandLine.ParseResult parse, TextWriter error, Func<ITableDataSource, string, int> work)
    {
        var connection = ConnectionString(parse, error);
        if (connection is null)
        {
            return CliApp.UsageOrIoError;
        }

        var sqlServer = parse.GetValue(Type) == "sqlserver";
        var display = sqlServer ? SqlServerSource.RedactSqlServer(connection) : ConnectionStrings.RedactPostgreSql(connection);
        return DatabaseFailures.Run(error, display, () =>
        {
            using ITableDataSource source = sqlServer ? new SqlServerSource(connection) : new PostgreSqlSource(connection);
            return work(source, display);
        });
    }
}
