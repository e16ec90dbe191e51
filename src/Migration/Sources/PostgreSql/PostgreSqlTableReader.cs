using System;
using System.IO;
using System.Linq;
using System.Threading;
using Npgsql;
using YbMigrate.Migration.Data.Export;
using static YbMigrate.Migration.Sql.SqlIdentifier;

namespace YbMigrate.Migration.Sources.PostgreSql;

/// <summary>
/// One export worker's connection: a REPEATABLE READ transaction on the coordinator's snapshot,
/// streaming chunks with COPY (SELECT ...) TO STDOUT (FORMAT csv) as the server's bytes, undecoded.
/// </summary>
internal sealed class PostgreSqlTableReader : ITableDataReader
{
    private readonly NpgsqlConnection _connection;
    private readonly byte[] _buffer = new byte[1 << 18];

    public PostgreSqlTableReader(string connectionString, string snapshot)
    {
        // COPY sends a message per row and Npgsql handles each one: a large read buffer takes many
        // from the socket at a time (measured: about a third less CPU than the default 8 KB). No
        // timeout: a chunk may take long, and the server may think a while before its first row.
        var settings = new NpgsqlConnectionStringBuilder(connectionString) { ReadBufferSize = 1 << 20, CommandTimeout = 0 };
        _connection = new NpgsqlConnection(settings.ConnectionString);
        _connection.Open();
        foreach (var statement in SnapshotSession(snapshot))
        {
            Execute(statement);
        }
    }

    /// <summary>
    /// What every reader runs first, whatever its client: names printed qualified, and a read-only
    /// transaction on the coordinator's snapshot, so all files show the same moment.
    /// </summary>
    public static string[] SnapshotSession(string snapshot) =>
        ["SET search_path = ''", "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", "SET TRANSACTION SNAPSHOT " + Literal(snapshot)];

    // A table cut into this many ranges or fewer is read by one sequential scan per range, each
    // filtering the whole table by ctid, not by TID range scans: a sequential scan of a table larger
    // than a quarter of shared_buffers goes through a small ring of buffers, a TID range scan through
    // all of them, which cost several times the CPU per page on the 2M-row bench (bench/RESULTS.md:
    // two halves 3.8-4.2 s of server CPU against 5.2). With more ranges, reading every page once wins.
    private const int WholeTableScansUpTo = 4;

    /// <summary>What a reader runs before a chunk's COPY: the scan the chunk is read with (see WholeTableScansUpTo).</summary>
    public static string ScanSetting(ExportChunk chunk) => "SET enable_tidscan = " + (chunk.Count <= WholeTableScansUpTo ? "off" : "on");

    /// <summary>The COPY command for a chunk: the exported columns, this table only (not inheritance children), the chunk's range.</summary>
    public static string CopyCommand(ExportChunk chunk)
    {
        var table = chunk.Table;
        var where = chunk.Condition is null ? "" : " WHERE " + chunk.Condition;
        return $"COPY (SELECT {JoinQuoted(table.Columns.Select(c => c.Name))} FROM ONLY {Qualify(table.Schema, table.Name)}{where}) TO STDOUT (FORMAT csv)";
    }

    public void Copy(ExportChunk chunk, Stream destination, CancellationToken cancellation)
    {
        // BeginRawBinaryCopy refuses a text COPY; the text export's reader is a StreamReader over
        // the raw copy stream, read here as bytes so nothing is decoded and encoded again.
        Execute(ScanSetting(chunk));
        using var export = _connection.BeginTextExport(CopyCommand(chunk));
        var raw = ((StreamReader)export).BaseStream;
        int filled;
        while ((filled = Fill(raw)) > 0)
        {
            if (cancellation.IsCancellationRequested)
            {
                export.Cancel();
                cancellation.ThrowIfCancellationRequested();
            }

            destination.Write(_buffer.AsSpan(0, filled));
        }
    }

    // A read returns one CopyData message (one row): gathering many before handing them on keeps
    // the per-write costs (hashing, counting, the file) per buffer, not per row.
    private int Fill(Stream raw)
    {
        int filled = 0, read;
        while (filled < _buffer.Length / 2 && (read = raw.Read(_buffer, filled, _buffer.Length - filled)) > 0)
        {
            filled += read;
        }

        return filled;
    }

    public void Dispose() => _connection.Dispose();

    private void Execute(string sql)
    {
        using var command = new NpgsqlCommand(sql, _connection);
        command.ExecuteNonQuery();
    }
}
