using System;
using System.Collections.Generic;
using Npgsql;

namespace YbMigrate.Migration.Apply;

/// <summary>What happened to a statement.</summary>
public enum StatementStatus
{
    /// <summary>Run on the target.</summary>
    Applied,

    /// <summary>Its object was already on the target: skipped, nothing dropped.</summary>
    AlreadyExists,

    /// <summary>A previous finalize run did it (recorded in the target's ledger).</summary>
    AlreadyDone,

    /// <summary>It failed.</summary>
    Failed,
}

/// <summary>One statement's outcome, as reported while the files are applied.</summary>
/// <param name="Statement">The statement (for steps finalize adds itself, a synthetic one).</param>
/// <param name="Status">What happened.</param>
/// <param name="Error">Why it failed, with the server's SQLSTATE.</param>
public sealed record StatementOutcome(SchemaStatement Statement, StatementStatus Status, string? Error = null)
{
    /// <summary>"file:line: object: error" for a failure.</summary>
    public string Describe() => $"{Statement.Location}: {Statement.Object}: {Error}";
}

/// <summary>The outcome of an import or finalize run.</summary>
public sealed class ApplyResult
{
    /// <summary>Every statement reported, in the order they finished.</summary>
    public List<StatementOutcome> Outcomes { get; } = new();

    /// <summary>The target, password removed.</summary>
    public string Target { get; init; } = "";

    /// <summary>The failure that stopped the run, or null.</summary>
    public StatementOutcome? StoppedAt { get; set; }

    /// <summary>Where failed statements were written (--continue-on-error), or null.</summary>
    public string? FailedSqlPath { get; set; }

    /// <summary>How many statements had <paramref name="status"/>.</summary>
    public int Count(StatementStatus status) => Outcomes.FindAll(o => o.Status == status).Count;

    /// <summary>Whether every statement was applied or already there.</summary>
    public bool Succeeded => StoppedAt is null && Count(StatementStatus.Failed) == 0;
}

/// <summary>Connections to the target and the reading of its errors, shared by import and finalize.</summary>
internal static class TargetDatabase
{
    // The SQLSTATEs that mean "the object this statement creates is already there".
    private static readonly HashSet<string> ExistsStates = new(StringComparer.Ordinal)
    {
        PostgresErrorCodes.DuplicateTable,       // 42P07: table, index, sequence, view
        PostgresErrorCodes.DuplicateObject,      // 42710: type, constraint, trigger, extension
        PostgresErrorCodes.DuplicateFunction,    // 42723
        PostgresErrorCodes.DuplicateSchema,      // 42P06
        PostgresErrorCodes.DuplicateColumn,      // 42701: ALTER TABLE ADD COLUMN
        PostgresErrorCodes.DuplicateDatabase,    // 42P04
    };

    /// <summary>Opens a connection; error details (the offending key of a violation) are asked for.</summary>
    public static NpgsqlConnection Open(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { IncludeErrorDetail = true };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        connection.Open();
        return connection;
    }

    /// <summary>Runs one statement on its own (autocommit: a failure leaves the session usable).</summary>
    public static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        command.ExecuteNonQuery();
    }

    /// <summary>Whether the error says the statement's object already exists.</summary>
    public static bool AlreadyExists(PostgresException ex) =>
        ExistsStates.Contains(ex.SqlState)
        // 42P16 is any invalid table definition; only a second primary key means "already there".
        || ex.SqlState == PostgresErrorCodes.InvalidTableDefinition && ex.MessageText.Contains("multiple primary keys", StringComparison.Ordinal);

    /// <summary>The server's error as one line: "ERROR 23503: message (detail)".</summary>
    public static string Describe(PostgresException ex) =>
        $"{ex.Severity} {ex.SqlState}: {ex.MessageText}" + (string.IsNullOrEmpty(ex.Detail) ? "" : $" ({ex.Detail})");
}
