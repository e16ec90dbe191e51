using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Win32.SafeHandles;
using Npgsql;
using YbMigrate.Migration.Data.Import.Binary;

namespace YbMigrate.Migration.Data.Import;

/// <summary>A table being imported.</summary>
/// <param name="Data">The manifest's entry.</param>
/// <param name="Binary">How its batches go as binary COPY; null when they go as CSV.</param>
/// <param name="DeferrableKeys">Its DEFERRABLE key constraints, checked in each batch (<see cref="Import.DeferrableKeys"/>).</param>
internal sealed record ImportTable(TableData Data, BinaryCopyPlan? Binary, IReadOnlyList<string> DeferrableKeys)
{
    /// <summary>"schema.name".</summary>
    public string Name => Data.DisplayName;
}

/// <summary>A data file being imported: its checksum, verified before any of its batches commits.</summary>
/// <param name="Table">Its table.</param>
/// <param name="Entry">The manifest's entry.</param>
/// <param name="FullPath">Where it is.</param>
/// <param name="Limits">The batch limits it is cut with (those of its first run).</param>
/// <param name="CopySql">The COPY ... FROM STDIN of its batches (on YugabyteDB it names the file's batch size).</param>
/// <param name="Verified">Completes when the file's checksum matches the manifest and, for a file partly loaded before, its batches are the ledger's; faults otherwise.</param>
internal sealed record ImportFile(ImportTable Table, DataFile Entry, string FullPath, LedgerFile Limits, string CopySql, Task Verified);

/// <summary>One batch to load.</summary>
/// <param name="File">Its file.</param>
/// <param name="Range">Where in the file.</param>
internal sealed record BatchJob(ImportFile File, RecordRange Range);

/// <summary>What became of a batch.</summary>
/// <param name="Stashed">Rows stashed.</param>
/// <param name="BadRow">The bad row that stops the run, or null.</param>
/// <param name="Binary">Whether it went as binary COPY.</param>
internal readonly record struct BatchOutcome(long Stashed, BadRow? BadRow, bool Binary);

/// <summary>
/// Loads batches on one connection: each in one transaction with its ledger row, the file's bytes
/// streamed to COPY as they are. A batch the target refuses is rolled back whole; with
/// <see cref="OnBadRow.Stash"/> its bad rows are then found (the server's line number points at the
/// first; halving the rest finds any others) and kept in the ledger, and the good ones loaded, in one
/// new transaction; with <see cref="OnBadRow.Stop"/> the row reported is the one the server names or,
/// when it names none, the first that search finds. A batch of a table with a binary plan is first
/// sent as binary COPY; when a value does not convert or the target refuses the batch, it is rolled
/// back and sent as CSV.
/// </summary>
internal sealed class BatchLoader : IAsyncDisposable
{
    private const int ChunkSize = 256 * 1024;
    private const string Segment = "yb_migrate_segment";

    // Past this many bad rows in a batch the server's line hints are no longer followed one by one:
    // each would resend the rest of the batch; halving bounds the work.
    private const int DenseBadRows = 32;

    private readonly NpgsqlDataSource _dataSource;
    private readonly ImportDialect _dialect;
    private readonly OnBadRow _onBadRow;
    private readonly BinaryBatch _binaryBatch = new();
    private NpgsqlConnection? _connection;

    public BatchLoader(NpgsqlDataSource dataSource, ImportDialect dialect, OnBadRow onBadRow)
    {
        _dataSource = dataSource;
        _dialect = dialect;
        _onBadRow = onBadRow;
    }

    /// <summary>Whether the session-level setting of triggers off was refused (the user is not a superuser).</summary>
    public bool ReplicationRoleRefused { get; private set; }

    /// <summary>Loads one batch: the rows stashed, or the bad row that stops the run.</summary>
    public async Task<BatchOutcome> LoadAsync(BatchJob job, CancellationToken cancel)
    {
        var connection = await ConnectionAsync(cancel);
        using var file = File.OpenHandle(job.File.FullPath, FileMode.Open, FileAccess.Read, FileShare.Read);
        if (job.File.Table.Binary is { InUse: true } binary && await TryBinaryAsync(connection, job, binary, file, cancel))
        {
            return new BatchOutcome(0, null, Binary: true);
        }

        PostgresException? refused;
        await using (var transaction = await BeginAsync(connection, job, cancel))
        {
            refused = await TryCopyAsync(connection, job, file, job.Range.Offset, job.Range.Length, cancel);
            if (refused is null)
            {
                await CommitAsync(connection, job, Array.Empty<RejectedRecord>(), cancel);
                return new BatchOutcome(0, null, Binary: false);
            }
        }

        return _onBadRow == OnBadRow.Stop
            ? new BatchOutcome(0, await LocateAsync(connection, job, file, refused, cancel), Binary: false)
            : new BatchOutcome(await StashAsync(connection, job, file, refused, cancel), null, Binary: false);
    }

    /// <summary>Whether a batch is already recorded as done (asked before a retry: the connection may have been lost after COMMIT).</summary>
    public async Task<bool> IsDoneAsync(BatchJob job, CancellationToken cancel) =>
        await ImportLedger.IsDoneAsync(await ConnectionAsync(cancel), job.File.Entry.Path, job.Range.Offset, cancel);

    /// <summary>Drops the connection after a failure: the next batch opens a new one.</summary>
    public async Task ResetAsync()
    {
        if (_connection is not null)
        {
            var connection = _connection;
            _connection = null;
            await DisposeQuietlyAsync(connection);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => new(ResetAsync());

    private async Task<NpgsqlConnection> ConnectionAsync(CancellationToken cancel)
    {
        if (_connection is { State: System.Data.ConnectionState.Open })
        {
            return _connection;
        }

        await ResetAsync();
        var connection = _dataSource.CreateConnection();
        try
        {
            await connection.OpenAsync(cancel);
            foreach (var setting in _dialect.SessionSettings)
            {
                await SetAsync(connection, setting, cancel);
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        _connection = connection;
        return connection;
    }

    // A batch's transaction, with its table's deferrable keys checked during the COPY.
    private async Task<NpgsqlTransaction> BeginAsync(NpgsqlConnection connection, BatchJob job, CancellationToken cancel)
    {
        var transaction = await connection.BeginTransactionAsync(cancel);
        if (job.File.Table.DeferrableKeys is not { Count: > 0 } keys)
        {
            return transaction;
        }

        try
        {
            await using var command = new NpgsqlCommand(DeferrableKeys.CheckAtOnceSql(job.File.Table.Data.Schema, keys, !ReplicationRoleRefused), connection);
            await command.ExecuteNonQueryAsync(cancel);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }

    private async Task SetAsync(NpgsqlConnection connection, string setting, CancellationToken cancel)
    {
        try
        {
            await using var command = new NpgsqlCommand(setting, connection);
            await command.ExecuteNonQueryAsync(cancel);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InsufficientPrivilege && setting.Contains("session_replication_role", StringComparison.Ordinal))
        {
            // Only a superuser may turn triggers off; the tables have none before finalize anyway.
            ReplicationRoleRefused = true;
        }
    }

    // The ledger row (and stashed rows) go in the batch's transaction; nothing commits before the
    // file's checksum is known to match the manifest.
    private static async Task CommitAsync(NpgsqlConnection connection, BatchJob job, IReadOnlyList<RejectedRecord> rejects, CancellationToken cancel)
    {
        await job.File.Verified.WaitAsync(cancel);
        await ImportLedger.CommitBatchAsync(connection, job.File.Entry.Path, job.Range, rejects, cancel);
    }

    // The batch as binary COPY, committed with its ledger row. False, with nothing kept, when a value
    // does not convert or the target refuses the batch: it then goes as CSV, where a bad row is found
    // and reported as ever. A passing failure (a lost connection) is for the caller's retries.
    private async Task<bool> TryBinaryAsync(NpgsqlConnection connection, BatchJob job, BinaryCopyPlan binary, SafeFileHandle file, CancellationToken cancel)
    {
        await using var transaction = await BeginAsync(connection, job, cancel);
        try
        {
            if (!await _binaryBatch.CopyAsync(connection, binary, file, job.Range, cancel))
            {
                binary.ValueRefused();
                return false;
            }
        }
        catch (PostgresException ex) when (!CopyErrors.IsTransient(ex))
        {
            return false;
        }

        await CommitAsync(connection, job, Array.Empty<RejectedRecord>(), cancel);
        return true;
    }

    private static async Task CopyAsync(NpgsqlConnection connection, string copySql, SafeFileHandle file, long offset, long length, CancellationToken cancel)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            // Npgsql's raw COPY stream takes binary COPY only; the text import's writer is a StreamWriter
            // over the same stream, and the file's bytes go to that stream as they are, never decoded.
            // Disposing the stream (not the writer, which would wait synchronously) ends the COPY.
            var writer = (NpgsqlCopyTextWriter)await connection.BeginTextImportAsync(copySql, cancel);
            await using var copy = writer.BaseStream;
            try
            {
                for (long sent = 0; sent < length;)
                {
                    var read = FilePlanner.ReadBatch(file, buffer.AsSpan(0, (int)Math.Min(ChunkSize, length - sent)), offset + sent);
                    await copy.WriteAsync(buffer.AsMemory(0, read), cancel);
                    sent += read;
                }
            }
            catch (Exception ex) when (ex is not PostgresException && connection.State == System.Data.ConnectionState.Open)
            {
                // Our side failed: the rows sent so far must not be taken as the whole batch.
                await writer.CancelAsync();
                throw;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // The row that stops the run: the one the server named or, when it named none (a deferrable key is
    // checked at the end of the COPY), the first a search of the batch finds, with nothing kept.
    private async Task<BadRow> LocateAsync(NpgsqlConnection connection, BatchJob job, SafeFileHandle file, PostgresException refused, CancellationToken cancel)
    {
        var (serverLine, column) = CopyErrors.Where(refused);
        var records = FilePlanner.Records(file, job.Range);
        if (serverLine is { } line)
        {
            var index = CopyErrors.RecordAt(records, 0, records.Count, line);
            return new BadRow(job.File.Table.Name, job.File.Entry.Path, index < 0 ? null : records[index].FirstLine, column, CopyErrors.Describe(refused), job.Range);
        }

        await using var transaction = await BeginAsync(connection, job, cancel);
        return (await FindBadRecordsAsync(connection, transaction, job, file, records, refused, firstOnly: true, cancel)) is [var bad]
            ? new BadRow(job.File.Table.Name, job.File.Entry.Path, bad.Line, bad.Column, bad.Message, job.Range)
            : new BadRow(job.File.Table.Name, job.File.Entry.Path, null, column, CopyErrors.Describe(refused), job.Range);
    }

    private async Task<long> StashAsync(NpgsqlConnection connection, BatchJob job, SafeFileHandle file, PostgresException firstError, CancellationToken cancel)
    {
        var records = FilePlanner.Records(file, job.Range);
        await using var transaction = await BeginAsync(connection, job, cancel);
        var rejects = await FindBadRecordsAsync(connection, transaction, job, file, records, firstError, firstOnly: false, cancel);
        await CommitAsync(connection, job, rejects, cancel);
        return rejects.Count;
    }

    // The batch's bad records, its good ones loaded in the transaction around them: the server's line
    // number points at the first bad one of a run; halving the rest finds any others. Runs are tried
    // in file order, so with firstOnly the one found is the first.
    private static async Task<List<RejectedRecord>> FindBadRecordsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, BatchJob job, SafeFileHandle file,
        IReadOnlyList<RecordRange> records, PostgresException firstError, bool firstOnly, CancellationToken cancel)
    {
        var rejects = new List<RejectedRecord>();

        // Runs of records still to try, with the error the run is already known to fail with.
        var pending = new Stack<(int First, int End, PostgresException? Error)>();
        pending.Push((0, records.Count, firstError));
        while (pending.Count > 0)
        {
            var (first, end, error) = pending.Pop();
            error ??= await TrySegmentAsync(connection, transaction, job, file, records[first].Offset, records[end - 1].End - records[first].Offset, cancel);
            if (error is null)
            {
                continue;
            }

            var bad = end - first == 1 ? first
                : rejects.Count < DenseBadRows && CopyErrors.Where(error).Line is { } line ? CopyErrors.RecordAt(records, first, end, line)
                : -1;
            if (bad < 0)
            {
                var middle = first + (end - first) / 2;
                pending.Push((middle, end, null));
                pending.Push((first, middle, null));
                continue;
            }

            // The records before the bad one load (the server got past them); the rest is tried after it.
            if (bad + 1 < end)
            {
                pending.Push((bad + 1, end, null));
            }

            rejects.Add(await RejectAsync(job, file, records[bad], error, cancel));
            if (firstOnly)
            {
                break;
            }

            if (bad > first)
            {
                pending.Push((first, bad, null));
            }
        }

        return rejects;
    }

    // A run of records inside a savepoint: kept when the target takes them all, undone otherwise.
    private static async Task<PostgresException?> TrySegmentAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, BatchJob job, SafeFileHandle file,
        long offset, long length, CancellationToken cancel)
    {
        await transaction.SaveAsync(Segment, cancel);
        var refused = await TryCopyAsync(connection, job, file, offset, length, cancel);
        if (refused is null)
        {
            await transaction.ReleaseAsync(Segment, cancel);
        }
        else
        {
            await transaction.RollbackAsync(Segment, cancel);
        }

        return refused;
    }

    // The COPY of some bytes of a file; returns the target's error when a row is refused.
    private static async Task<PostgresException?> TryCopyAsync(NpgsqlConnection connection, BatchJob job, SafeFileHandle file, long offset, long length, CancellationToken cancel)
    {
        try
        {
            await CopyAsync(connection, job.File.CopySql, file, offset, length, cancel);
            return null;
        }
        catch (PostgresException ex) when (CopyErrors.IsBadData(ex))
        {
            return ex;
        }
    }

    private static async Task<RejectedRecord> RejectAsync(BatchJob job, SafeFileHandle file, RecordRange record, PostgresException error, CancellationToken cancel)
    {
        var bytes = new byte[record.Length];
        var read = await RandomAccess.ReadAsync(file, bytes, record.Offset, cancel);
        if (read < bytes.Length)
        {
            throw new IOException($"data/{job.File.Entry.Path}: shorter than before: it changed during the import");
        }

        return new RejectedRecord(job.File.Entry.Path, record.FirstLine, CopyErrors.Where(error).Column, error.SqlState, CopyErrors.Describe(error), bytes);
    }

    private static async Task DisposeQuietlyAsync(NpgsqlConnection connection)
    {
        try
        {
            await connection.DisposeAsync();
        }
        catch (Exception ex) when (ex is NpgsqlException or IOException or InvalidOperationException)
        {
            // A broken connection may fail to close; it is dropped either way.
        }
    }
}
