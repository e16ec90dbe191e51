using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Npgsql;

namespace YbMigrate.Migration.Data.Import;

/// <summary>How the import reads the target's errors: passing ones are retried, bad data is located, the rest stops the run.</summary>
internal static class CopyErrors
{
    // "COPY t, line 12, column amount: "x"" or "COPY t, line 12: "...""; the first ", line N" is taken,
    // since the quoted value at the end may contain anything.
    private static readonly Regex CopyContext = new(@"^COPY .+?, line (?<line>\d+)(?:, column (?<column>[^:]+))?", RegexOptions.Multiline | RegexOptions.CultureInvariant);

    // Passing server states: connection lost, server shutting down or starting, serialization and
    // restart-read conflicts (YugabyteDB reports those as 40001), deadlocks, too many connections.
    private static readonly HashSet<string> TransientStates = new(StringComparer.Ordinal)
    {
        PostgresErrorCodes.AdminShutdown,          // 57P01
        PostgresErrorCodes.CrashShutdown,          // 57P02
        PostgresErrorCodes.CannotConnectNow,       // 57P03
        PostgresErrorCodes.SerializationFailure,   // 40001
        PostgresErrorCodes.DeadlockDetected,       // 40P01
        PostgresErrorCodes.TooManyConnections,     // 53300
    };

    /// <summary>Whether the error is a row's fault: a value, a row's shape, a constraint (classes 22 and 23), or a row too large (54000).</summary>
    public static bool IsBadData(PostgresException ex) =>
        ex.SqlState.StartsWith("22", StringComparison.Ordinal) || ex.SqlState.StartsWith("23", StringComparison.Ordinal)
        || ex.SqlState == PostgresErrorCodes.ProgramLimitExceeded;

    /// <summary>Whether trying again later can succeed.</summary>
    public static bool IsTransient(Exception ex) => ex switch
    {
        PostgresException pg => TransientStates.Contains(pg.SqlState) || pg.SqlState.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException npgsql => npgsql.IsTransient || npgsql.InnerException is IOException or SocketException or TimeoutException,
        IOException or SocketException or TimeoutException => true,
        _ => false,
    };

    /// <summary>The row (1-based within the COPY, as the server counts it) and column a COPY error names, from its context.</summary>
    public static (long? Line, string? Column) Where(PostgresException ex)
    {
        var match = CopyContext.Match(ex.Where ?? "");
        if (!match.Success)
        {
            return (null, ex.ColumnName);
        }

        var column = match.Groups["column"].Success ? match.Groups["column"].Value : ex.ColumnName;
        return (long.Parse(match.Groups["line"].Value, CultureInfo.InvariantCulture), column);
    }

    /// <summary>
    /// Which of a COPY's records the server's line number points at. The server counts a record's
    /// quoted newlines into the line number, except the first record's (it learns the line ending
    /// from that one), and names the line the record ends on: so the record meant is the first whose
    /// last line reaches line + (lines of the first record - 1).
    /// </summary>
    /// <returns>The index into <paramref name="records"/>, or -1 when the line is past them.</returns>
    public static int RecordAt(IReadOnlyList<RecordRange> records, int first, int end, long serverLine)
    {
        if (serverLine < 1 || first >= end)
        {
            return -1;
        }

        if (end - first == 1)
        {
            return serverLine == 1 ? first : -1;
        }

        var target = serverLine + LastLine(records, first, end) - 1;
        for (var i = first; i < end; i++)
        {
            if (LastLine(records, i, end) >= target)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The server's error as one line: "ERROR 22P02: message (detail)".</summary>
    public static string Describe(PostgresException ex) =>
        $"{ex.Severity} {ex.SqlState}: {ex.MessageText}" + (string.IsNullOrEmpty(ex.Detail) ? "" : $" ({ex.Detail})");

    // The file line a record ends on (the last record of a run is taken to reach any line).
    private static long LastLine(IReadOnlyList<RecordRange> records, int index, int end) =>
        index + 1 < end ? records[index + 1].FirstLine - 1 : long.MaxValue;
}
