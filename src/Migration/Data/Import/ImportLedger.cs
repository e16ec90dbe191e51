using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace YbMigrate.Migration.Data.Import;

/// <summary>A data file as the ledger knows it: the checksum it was loaded from and the batch limits it was cut with.</summary>
/// <param name="File">Path relative to DIR/data.</param>
/// <param name="Checksum">The file's checksum when its first batch was planned, as the manifest wrote it (column sha256, named when it held SHA-256 only; bare hex there is a SHA-256).</param>
/// <param name="BatchRows">Row limit of its batches.</param>
/// <param name="BatchBytes">Byte limit of its batches.</param>
internal sealed record LedgerFile(string File, string Checksum, long BatchRows, long BatchBytes);

/// <summary>A batch recorded as done.</summary>
/// <param name="File">Path relative to DIR/data.</param>
/// <param name="Offset">Byte offset of the batch in the file.</param>
/// <param name="Length">Bytes.</param>
/// <param name="RowsLoaded">Rows loaded.</param>
/// <param name="RowsStashed">Bad rows stashed instead.</param>
internal sealed record LedgerBatch(string File, long Offset, long Length, long RowsLoaded, long RowsStashed);

/// <summary>A bad row kept by --on-error stash, with why the server refused it.</summary>
/// <param name="File">Path relative to DIR/data.</param>
/// <param name="Line">The file line the record starts on.</param>
/// <param name="Column">The column the server named, if any.</param>
/// <param name="SqlState">The server's SQLSTATE.</param>
/// <param name="Message">The server's message, with its detail.</param>
/// <param name="Record">The record's bytes as in the file.</param>
public sealed record RejectedRecord(string File, long Line, string? Column, string SqlState, string Message, byte[] Record);

/// <summary>
/// The import's ledger on the target, in the schema yb_migrate: the files started (with their checksum
/// and batch limits, so a rerun cuts the same batches), the batches done, the rows stashed, and the
/// tables' own autovacuum settings while autovacuum is held off them (<see cref="AutovacuumPause"/>). A
/// batch's row and its stashed rows are written in the batch's own transaction.
/// </summary>
internal static class ImportLedger
{
    public const string FilesTable = "yb_migrate.import_files";
    public const string BatchesTable = "yb_migrate.import_batches";
    public const string RejectsTable = "yb_migrate.import_rejects";

    private const string CreateSql =
        "CREATE SCHEMA IF NOT EXISTS yb_migrate; " +
        $"CREATE TABLE IF NOT EXISTS {FilesTable} (file text PRIMARY KEY, table_schema text NOT NULL, table_name text NOT NULL, " +
        "sha256 text NOT NULL, batch_rows bigint NOT NULL, batch_bytes bigint NOT NULL, started_at timestamptz NOT NULL DEFAULT now()); " +
        $"CREATE TABLE IF NOT EXISTS {BatchesTable} (file text NOT NULL, byte_offset bigint NOT NULL, byte_length bigint NOT NULL, " +
        "first_line bigint NOT NULL, rows_loaded bigint NOT NULL, rows_stashed bigint NOT NULL, loaded_at timestamptz NOT NULL DEFAULT now(), " +
        "PRIMARY KEY (file, byte_offset)); " +
        $"CREATE TABLE IF NOT EXISTS {RejectsTable} (file text NOT NULL, line bigint NOT NULL, column_name text, sqlstate text NOT NULL, " +
        "message text NOT NULL, record bytea NOT NULL, PRIMARY KEY (file, line)); " +
        AutovacuumPause.CreateSql;

    /// <summary>Creates the ledger tables when missing.</summary>
    public static async Task EnsureAsync(NpgsqlConnection connection, CancellationToken cancel)
    {
        await using var command = new NpgsqlCommand(CreateSql, connection);
        await command.ExecuteNonQueryAsync(cancel);
    }

    /// <summary>Whether the ledger tables exist (import status reads a target that was never imported into, too).</summary>
    public static Task<bool> ExistsAsync(NpgsqlConnection connection, CancellationToken cancel) => TablesExistAsync(connection, cancel, BatchesTable, RejectsTable);

    /// <summary>Whether the ledger has these tables (one a ledger of an earlier version lacks, say).</summary>
    public static async Task<bool> TablesExistAsync(NpgsqlConnection connection, CancellationToken cancel, params string[] tables)
    {
        await using var command = new NpgsqlCommand("SELECT bool_and(pg_catalog.to_regclass(t) IS NOT NULL) FROM unnest($1::text[]) t", connection);
        Add(command, (object)tables);
        return (bool)(await command.ExecuteScalarAsync(cancel))!;
    }

    /// <summary>Every file started.</summary>
    public static async Task<Dictionary<string, LedgerFile>> ReadFilesAsync(NpgsqlConnection connection, CancellationToken cancel)
    {
        var files = new Dictionary<string, LedgerFile>();
        await using var command = new NpgsqlCommand($"SELECT file, sha256, batch_rows, batch_bytes FROM {FilesTable}", connection);
        await using var reader = await command.ExecuteReaderAsync(cancel);
        while (await reader.ReadAsync(cancel))
        {
            files[reader.GetString(0)] = new LedgerFile(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3));
        }

        return files;
    }

    /// <summary>Every batch done, by file and offset.</summary>
    public static async Task<Dictionary<(string File, long Offset), LedgerBatch>> ReadBatchesAsync(NpgsqlConnection connection, CancellationToken cancel)
    {
        var batches = new Dictionary<(string, long), LedgerBatch>();
        await using var command = new NpgsqlCommand($"SELECT file, byte_offset, byte_length, rows_loaded, rows_stashed FROM {BatchesTable}", connection);
        await using var reader = await command.ExecuteReaderAsync(cancel);
        while (await reader.ReadAsync(cancel))
        {
            var batch = new LedgerBatch(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
            batches[(batch.File, batch.Offset)] = batch;
        }

        return batches;
    }

    /// <summary>Records a file about to be loaded, or replaces its entry when none of its batches is done yet.</summary>
    public static async Task SaveFileAsync(NpgsqlConnection connection, string schema, string table, LedgerFile file, CancellationToken cancel)
    {
        await using var command = new NpgsqlCommand(
            $"INSERT INTO {FilesTable} (file, table_schema, table_name, sha256, batch_rows, batch_bytes) VALUES ($1, $2, $3, $4, $5, $6) " +
            "ON CONFLICT (file) DO UPDATE SET table_schema = excluded.table_schema, table_name = excluded.table_name, sha256 = excluded.sha256, " +
            "batch_rows = excluded.batch_rows, batch_bytes = excluded.batch_bytes, started_at = now()", connection);
        Add(command, file.File, schema, table, file.Checksum, file.BatchRows, file.BatchBytes);
        await command.ExecuteNonQueryAsync(cancel);
    }

    /// <summary>
    /// Ends a batch's transaction: records the batch as done with its stashed rows and commits, in one
    /// round trip. A batch waits on the network for each statement it sends, and on YugabyteDB a round
    /// trip goes to another machine; should any of them fail, the server skips the rest and the
    /// transaction stays open for its owner to roll back.
    /// </summary>
    public static async Task CommitBatchAsync(NpgsqlConnection connection, string file, RecordRange batch, IReadOnlyList<RejectedRecord> rejects, CancellationToken cancel)
    {
        await using var commands = new NpgsqlBatch(connection);
        commands.BatchCommands.Add(Command(
            $"INSERT INTO {BatchesTable} (file, byte_offset, byte_length, first_line, rows_loaded, rows_stashed) VALUES ($1, $2, $3, $4, $5, $6)",
            file, batch.Offset, batch.Length, batch.FirstLine, batch.Rows - rejects.Count, (long)rejects.Count));
        foreach (var reject in rejects)
        {
            commands.BatchCommands.Add(Command(
                $"INSERT INTO {RejectsTable} (file, line, column_name, sqlstate, message, record) VALUES ($1, $2, $3, $4, $5, $6)",
                reject.File, reject.Line, (object?)reject.Column ?? System.DBNull.Value, reject.SqlState, reject.Message, reject.Record));
        }

        commands.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        await commands.ExecuteNonQueryAsync(cancel);
    }

    /// <summary>Whether a batch is recorded as done (a retry after a connection lost during COMMIT asks before loading again).</summary>
    public static async Task<bool> IsDoneAsync(NpgsqlConnection connection, string file, long offset, CancellationToken cancel)
    {
        await using var command = new NpgsqlCommand($"SELECT EXISTS (SELECT 1 FROM {BatchesTable} WHERE file = $1 AND byte_offset = $2)", connection);
        Add(command, file, offset);
        return (bool)(await command.ExecuteScalarAsync(cancel))!;
    }

    /// <summary>The stashed rows of some files, in file and line order.</summary>
    public static async Task<List<RejectedRecord>> ReadRejectsAsync(NpgsqlConnection connection, IReadOnlyCollection<string> files, CancellationToken cancel)
    {
        var rejects = new List<RejectedRecord>();
        await using var command = new NpgsqlCommand(
            $"SELECT file, line, column_name, sqlstate, message, record FROM {RejectsTable} WHERE file = ANY ($1) ORDER BY file, line", connection);
        Add(command, (object)new List<string>(files).ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancel);
        while (await reader.ReadAsync(cancel))
        {
            rejects.Add(new RejectedRecord(reader.GetString(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetString(3), reader.GetString(4), (byte[])reader[5]));
        }

        return rejects;
    }

    /// <summary>Adds positional parameters ($1, $2, ...) to a ledger command.</summary>
    internal static void Add(NpgsqlCommand command, params object[] values) => Add(command.Parameters, values);

    private static void Add(NpgsqlParameterCollection parameters, object[] values)
    {
        foreach (var value in values)
        {
            parameters.Add(new NpgsqlParameter { Value = value });
        }
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        Add(command.Parameters, values);
        return command;
    }
}
