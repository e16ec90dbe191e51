using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Npgsql;
using YbMigrate.Migration.Data.Import.Binary;
using YbMigrate.Migration.Sql;

namespace YbMigrate.Migration.Data.Import;

/// <summary>
/// <c>import</c>: loads the CSV files of DIR/data into the target, largest tables first, over
/// several connections at once. Each file is cut into batches on record boundaries; each batch is
/// one COPY in one transaction with its row in the ledger (yb_migrate.import_batches), so a rerun
/// after any crash loads exactly the batches not recorded. A file's batches stream to the target
/// while its checksum is computed, and none commits before the checksum matches the manifest.
/// </summary>
public static class DataImporter
{
    /// <summary>Runs the import. Throws <see cref="ImportException"/> or <see cref="DataManifestException"/> when it cannot go on.</summary>
    public static async Task<ImportResult> ImportAsync(string targetConnectionString, ImportOptions options, IImportObserver? observer = null, CancellationToken cancel = default)
    {
        if (options.Parallel is < 1 || options.BatchRows < 1 || options.BatchBytes < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "--parallel and --batch-rows must be at least 1");
        }

        var clock = Stopwatch.StartNew();
        // Connecting (Npgsql's first connection costs a tenth of a second of processor time) goes on
        // on another core while the manifest and the files are read and checked.
        var connecting = Task.Run(() => ImportTarget.ConnectAsync(targetConnectionString, options, cancel), cancel);
        IReadOnlyList<TableData> tables;
        try
        {
            tables = ImportSelection.Select(DataManifest.Read(options.InputDirectory), options.Tables);
            ImportSelection.CheckFiles(options.InputDirectory, tables);
        }
        catch
        {
            ImportTarget.Abandon(connecting);
            throw;
        }

        await using var checksums = FileChecksums.Start(DataManifest.DataDirectory(options.InputDirectory), tables.SelectMany(t => t.Files), cancel);
        await using var target = await connecting;
        var run = new ImportRun(options, target, checksums, observer);
        var warmUp = target.WarmUpAsync(cancel);
        try
        {
            await using var connection = await target.OpenLedgerAsync(cancel);
            await ImportLedger.EnsureAsync(connection, cancel);
            await run.PrepareAsync(connection, tables, cancel);
        }
        finally
        {
            // The streams' connections are in the pool (or will be opened by the streams) before anything goes on.
            await Task.WhenAny(warmUp);
        }

        try
        {
            await run.RunAsync(cancel);
        }
        finally
        {
            await run.ResumeAutovacuumAsync();
            await run.FlushAsync();
        }

        await run.WriteStashFilesAsync(cancel);
        run.Result.Elapsed = clock.Elapsed;
        return run.Result;
    }

    // One run: the tables and files with their state, the queue of batches, the workers.
    private sealed class ImportRun
    {
        private readonly ImportOptions _options;
        private readonly ImportTarget _target;
        private readonly FileChecksums _checksums;
        private readonly IImportObserver? _observer;
        private readonly object _gate = new();

        // Each file to load, with what says its batches line up with the ledger's (null when the ledger has none of them).
        private readonly List<(ImportFile File, TaskCompletionSource? LinedUp)> _files = new();
        private readonly Dictionary<string, TableState> _tables = new(StringComparer.Ordinal);
        private Dictionary<(string File, long Offset), LedgerBatch> _done = new();
        private ILookup<string, LedgerBatch> _doneByFile = Array.Empty<LedgerBatch>().ToLookup(b => b.File);
        private Dictionary<string, LedgerFile> _ledgerFiles = new(StringComparer.Ordinal);
        private Exception? _failure;

        public ImportRun(ImportOptions options, ImportTarget target, FileChecksums checksums, IImportObserver? observer)
        {
            _options = options;
            _target = target;
            _checksums = checksums;
            _observer = observer;
            Result = new ImportResult { Target = target.Dialect.Name, Nodes = target.Nodes, Parallel = target.Parallel };
        }

        public ImportResult Result { get; }

        // Reads the ledger, checks the target's tables and records the files about to be loaded.
        public async Task PrepareAsync(NpgsqlConnection connection, IReadOnlyList<TableData> tables, CancellationToken cancel)
        {
            _ledgerFiles = await ImportLedger.ReadFilesAsync(connection, cancel);
            _done = await ImportLedger.ReadBatchesAsync(connection, cancel);
            _doneByFile = _done.Values.ToLookup(b => b.File);
            var starts = new List<TableStart>();
            var toHold = new List<TableState>();
            var deferrableKeys = await DeferrableKeys.ReadAsync(connection, tables, cancel);
            foreach (var data in tables)
            {
                var doneBefore = data.Files.SelectMany(f => _doneByFile[f.Path]).ToList();
                var columns = await TargetColumns.ReadAsync(connection, data, cancel);
                await ImportSelection.CheckTargetTableAsync(connection, data, columns, doneBefore.Count > 0, cancel);
                var table = new ImportTable(data, BinaryPlan(data, columns), deferrableKeys.GetValueOrDefault(data, []));
                var state = new TableState(table.Name, data, doneBefore);
                _tables[table.Name] = state;
                Result.Tables.Add(state.Summary);
                starts.Add(new TableStart(table.Name, state.Summary.Rows, state.Bytes, state.Summary.RowsDoneBefore, state.BytesDone));
                var toLoad = false;
                foreach (var entry in data.Files)
                {
                    var doneBytes = _doneByFile[entry.Path].Sum(b => b.Length);
                    if (doneBytes < entry.Bytes)
                    {
                        await RegisterFileAsync(connection, table, entry, doneBytes > 0, cancel);
                        toLoad = true;
                    }
                    else
                    {
                        _checksums.Skip(entry);
                    }
                }

                if (toLoad && table.DeferrableKeys.Count > 0)
                {
                    Warn(DeferrableKeys.Warning(table.Name, table.DeferrableKeys));
                }

                if (toLoad && _target.Dialect.PausesAutovacuum && LoadsInSeveralBatches(data))
                {
                    toHold.Add(state);
                }
            }

            // Once every table passed its checks: an import they stop changes no table.
            foreach (var state in toHold)
            {
                await PauseAutovacuumAsync(connection, state, cancel);
            }

            _observer?.Started(new ImportStart(_target.Dialect.Name, _target.Nodes, _target.Parallel, starts));
        }

        // A table loaded in one batch commits once: autovacuum can only find it complete.
        private bool LoadsInSeveralBatches(TableData data) =>
            data.Files.Count > 1 || data.RowCount > _options.BatchRows || data.Bytes > _options.BatchBytes;

        private async Task PauseAutovacuumAsync(NpgsqlConnection connection, TableState state, CancellationToken cancel)
        {
            try
            {
                await AutovacuumPause.PauseAsync(connection, state.Data.Schema, state.Data.Name, cancel);
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InsufficientPrivilege)
            {
                Warn($"autovacuum could not be turned off on {state.Summary.Name} for the load (only its owner may): it may vacuum the table while it loads, which slows the load.");
            }
        }

        // Held tables complete (in this run or before it) get their own autovacuum settings back; those of
        // this run not complete keep it off until a run completes them. Best effort after a failure, like
        // the flush: the failure is the one reported.
        public async Task ResumeAutovacuumAsync()
        {
            if (!_target.Dialect.PausesAutovacuum || _tables.Count == 0)
            {
                return;
            }

            try
            {
                await using var connection = await _target.OpenLedgerAsync(CancellationToken.None);
                foreach (var held in await AutovacuumPause.ReadHeldAsync(connection, CancellationToken.None))
                {
                    if (!_tables.TryGetValue(held.Name, out var state))
                    {
                        continue; // not selected in this run
                    }

                    if (state.Complete)
                    {
                        await AutovacuumPause.ResumeAsync(connection, held, CancellationToken.None);
                    }
                    else
                    {
                        Warn($"autovacuum stays off on {held.Name} until an import completes its load ({AutovacuumPause.LedgerTable} keeps the table's own setting).");
                    }
                }
            }
            catch (Exception ex) when (_failure is not null && ex is NpgsqlException)
            {
                // The run failed already, perhaps for this very reason; that failure is the one reported.
            }
        }

        // Binary COPY for a table when it is asked for, the target takes it and every column converts.
        private BinaryCopyPlan? BinaryPlan(TableData data, IReadOnlyDictionary<string, ColumnType> columns) =>
            _options.CopyFormat == CopyFormat.Auto && _target.Dialect.BinaryCopyStatement(data.Schema, data.Name, data.Columns) is { } copySql
                ? BinaryCopyPlan.For(data, columns, copySql)
                : null;

        public async Task RunAsync(CancellationToken cancel)
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            // Unbounded: the reader must get to the end of each file whatever the workers do, since a file
            // partly loaded before commits nothing until its batches are matched with the ledger's there;
            // a batch in the queue is a few numbers.
            var queue = Channel.CreateUnbounded<BatchJob>(new UnboundedChannelOptions { SingleWriter = true });
            // The reader blocks on file reads for as long as the files take: a thread of its own, so the
            // thread pool's few threads (as many as cores) stay free to start and run the streams.
            var reader = Task.Factory.StartNew(() => ReadFiles(queue.Writer, stop), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            var workers = Enumerable.Range(0, _target.Parallel).Select(_ => Task.Run(() => WorkAsync(queue.Reader, stop, cancel), CancellationToken.None)).ToList();

            await Task.WhenAll(workers);
            stop.Cancel();
            await reader;
            if (_failure is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(_failure);
            }

            cancel.ThrowIfCancellationRequested();
            foreach (var state in _tables.Values)
            {
                state.Summary.Complete = state.Complete;
            }
        }

        // What the batches committed is on disk before the run says so (also when it stops or fails:
        // best effort then, a rerun loads again whatever a crash took).
        public async Task FlushAsync()
        {
            if (_target.Dialect.FlushSql is not { } sql)
            {
                return;
            }

            try
            {
                await using var connection = await _target.OpenAsync(CancellationToken.None);
                await using var command = new NpgsqlCommand(sql, connection);
                await command.ExecuteScalarAsync();
            }
            catch (Exception ex) when (_failure is not null && ex is NpgsqlException)
            {
                // The run failed already, perhaps for this very reason; that failure is the one reported.
            }
        }

        // Rewrites DIR/errors/<table>.csv and .reasons.csv of every table with stashed rows, from the ledger.
        public async Task WriteStashFilesAsync(CancellationToken cancel)
        {
            if (_options.OnBadRow != OnBadRow.Stash && !_done.Values.Any(b => b.RowsStashed > 0))
            {
                return;
            }

            await using var connection = await _target.OpenAsync(cancel);
            foreach (var state in _tables.Values)
            {
                var rejects = await ImportLedger.ReadRejectsAsync(connection, state.Data.Files.Select(f => f.Path).ToList(), cancel);
                if (rejects.Count > 0)
                {
                    Result.StashFiles.AddRange(StashFiles.Write(_options.ErrorsDirectory, state.Data, rejects));
                }
            }
        }

        private async Task RegisterFileAsync(NpgsqlConnection connection, ImportTable table, DataFile entry, bool started, CancellationToken cancel)
        {
            // A file already started keeps the limits it was cut with, so its batches come out the same.
            if (!_ledgerFiles.TryGetValue(entry.Path, out var ledger) || !started)
            {
                ledger = new LedgerFile(entry.Path, entry.Checksum, _options.BatchRows, _options.BatchBytes);
                await ImportLedger.SaveFileAsync(connection, table.Data.Schema, table.Data.Name, ledger, cancel);
            }
            else if (!FileChecksum.Same(ledger.Checksum, entry.Checksum))
            {
                throw new ImportException(
                    $"data/{entry.Path}: part of it was imported from a different version of the file (checksum {ledger.Checksum}, the manifest now says {entry.Checksum}). " +
                    $"To load the new one, empty {table.Name} and delete its ledger rows (DELETE FROM {ImportLedger.BatchesTable} WHERE file = {SqlIdentifier.Literal(entry.Path)}), then run again.");
            }

            var linedUp = started ? new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) : null;
            var copySql = _target.Dialect.CopyStatement(table.Data.Schema, table.Data.Name, table.Data.Columns, ledger.BatchRows);
            var fullPath = Path.Combine(DataManifest.DataDirectory(_options.InputDirectory), entry.Path);
            _files.Add((new ImportFile(table, entry, fullPath, ledger, copySql, VerifyAsync(entry, linedUp?.Task)), linedUp));
        }

        // The file's batches may commit when it is the manifest's file and, when some of it was loaded
        // before, is cut as the ledger's batches were: a batch the ledger has that this run did not cut
        // (a damaged ledger) could overlap new ones.
        private async Task VerifyAsync(DataFile entry, Task? linedUp)
        {
            var checksum = await _checksums.Of(entry);
            if (!FileChecksum.Same(checksum, entry.Checksum))
            {
                throw new DataManifestException(
                    $"data/{entry.Path}: the file changed since the export (checksum {checksum}, the manifest says {entry.Checksum}); nothing of it was loaded. Export again, or restore the file.");
            }

            if (linedUp is not null)
            {
                await linedUp;
            }
        }

        // Each file once, in the order they are loaded: its batches are queued as they are cut. A file
        // partly loaded before is checked, at its end, against the batches the ledger has of it.
        private void ReadFiles(ChannelWriter<BatchJob> queue, CancellationTokenSource stop)
        {
            ImportFile? current = null;
            try
            {
                foreach (var (file, linedUp) in _files)
                {
                    current = file;
                    long rows = 0, recognized = 0;
                    FilePlanner.Cut(file.FullPath, file.Limits.BatchRows, file.Limits.BatchBytes, batch =>
                    {
                        rows += batch.Rows;
                        if (_done.TryGetValue((file.Entry.Path, batch.Offset), out var done) && done.Length == batch.Length)
                        {
                            recognized++;
                        }
                        else
                        {
                            queue.TryWrite(new BatchJob(file, batch));
                        }
                    }, stop.Token);
                    if (linedUp is not null)
                    {
                        SettleLedgerCheck(linedUp, file, recognized == _doneByFile[file.Entry.Path].Count());
                    }

                    if (rows != file.Entry.Rows)
                    {
                        Warn($"data/{file.Entry.Path}: {rows} rows read, the manifest says {file.Entry.Rows}.");
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Stopping: the workers finish the batches they have.
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Fail(new ImportException($"data/{current?.Entry.Path}: {ex.Message}", ex));
                stop.Cancel();
            }
            finally
            {
                queue.TryComplete();
                foreach (var (_, linedUp) in _files)
                {
                    // Files partly loaded before and not read to their end (the run stopped): their batches must not commit.
                    linedUp?.TrySetCanceled();
                }
            }
        }

        // A batch the ledger has that this run did not cut (a damaged ledger) could overlap new ones.
        private static void SettleLedgerCheck(TaskCompletionSource linedUp, ImportFile file, bool ledgerLinesUp)
        {
            if (ledgerLinesUp)
            {
                linedUp.TrySetResult();
                return;
            }

            linedUp.TrySetException(new ImportException(
                $"data/{file.Entry.Path}: the batches {ImportLedger.BatchesTable} records for it are not those this file is cut into (the ledger was changed by hand?); " +
                $"nothing more of it was loaded. Empty {file.Table.Name}, delete its rows from {ImportLedger.BatchesTable} and {ImportLedger.FilesTable}, then run again."));
        }

        private async Task WorkAsync(ChannelReader<BatchJob> queue, CancellationTokenSource stop, CancellationToken cancel)
        {
            await using var loader = new BatchLoader(_target.DataSource, _target.Dialect, _options.OnBadRow);
            BatchJob? job = null;
            try
            {
                while (await queue.WaitToReadAsync(stop.Token))
                {
                    while (!stop.IsCancellationRequested && queue.TryRead(out job))
                    {
                        // A batch started is finished, even when another worker stops the run meanwhile.
                        var clock = Stopwatch.StartNew();
                        Starting(job);
                        var outcome = await LoadWithRetriesAsync(loader, job, cancel);
                        if (outcome.BadRow is not null)
                        {
                            Stop(outcome.BadRow, stop);
                            return;
                        }

                        Loaded(job, outcome, clock.Elapsed);
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Stopped by another worker, or by the caller.
            }
            catch (Exception ex) when (job is not null && ex is not ImportException and not DataManifestException)
            {
                Fail(new ImportException($"data/{job.File.Entry.Path} (lines from {job.Range.FirstLine}): {Message(ex)}", ex));
                stop.Cancel();
            }
            catch (Exception ex)
            {
                Fail(ex);
                stop.Cancel();
            }
            finally
            {
                if (loader.ReplicationRoleRefused)
                {
                    Warn("session_replication_role could not be set (not a superuser): triggers and foreign keys already on the target were active during the load.");
                }
            }
        }

        private async Task<BatchOutcome> LoadWithRetriesAsync(BatchLoader loader, BatchJob job, CancellationToken cancel)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    // A lost connection during COMMIT leaves it unknown whether the batch is in: the ledger knows.
                    if (attempt > 1 && await loader.IsDoneAsync(job, cancel))
                    {
                        return new BatchOutcome(0, null, Binary: false);
                    }

                    return await loader.LoadAsync(job, cancel);
                }
                catch (Exception ex) when (CopyErrors.IsTransient(ex) && !cancel.IsCancellationRequested)
                {
                    await loader.ResetAsync();
                    if (attempt > _options.RetryDelays.Count)
                    {
                        throw new ImportException($"data/{job.File.Entry.Path} (lines from {job.Range.FirstLine}): gave up after {attempt} attempts: {Message(ex)}", ex);
                    }

                    var delay = _options.RetryDelays[attempt - 1];
                    lock (_gate)
                    {
                        _observer?.Retrying(new BatchRetry(job.File.Table.Name, job.File.Entry.Path, job.Range, attempt, delay, Message(ex)));
                    }

                    await Task.Delay(delay, cancel);
                }
            }
        }

        private void Starting(BatchJob job)
        {
            lock (_gate)
            {
                _tables[job.File.Table.Name].Starting();
            }
        }

        private void Loaded(BatchJob job, BatchOutcome outcome, TimeSpan elapsed)
        {
            lock (_gate)
            {
                _tables[job.File.Table.Name].Loaded(job.Range, outcome);
                _observer?.BatchLoaded(new BatchDone(job.File.Table.Name, job.File.Entry.Path, job.Range, outcome.Stashed, elapsed));
            }
        }

        private void Stop(BadRow badRow, CancellationTokenSource stop)
        {
            lock (_gate)
            {
                Result.StoppedAt ??= badRow;
            }

            stop.Cancel();
        }

        private void Warn(string warning)
        {
            lock (_gate)
            {
                if (!Result.Warnings.Contains(warning))
                {
                    Result.Warnings.Add(warning);
                }
            }
        }

        private void Fail(Exception ex)
        {
            lock (_gate)
            {
                _failure ??= ex;
            }
        }

        private static string Message(Exception ex) => ex is PostgresException pg ? CopyErrors.Describe(pg) : ex.Message;
    }

    // A table's progress in this run; its summary object is updated in place.
    private sealed class TableState
    {
        private readonly Stopwatch _clock = new();

        public TableState(string name, TableData data, IReadOnlyCollection<LedgerBatch> doneBefore)
        {
            Data = data;
            Bytes = data.Bytes;
            BytesDone = doneBefore.Sum(b => b.Length);
            Summary = new TableSummary { Name = name, Rows = data.RowCount, RowsDoneBefore = doneBefore.Sum(b => b.RowsLoaded + b.RowsStashed) };
        }

        public TableData Data { get; }

        public long Bytes { get; }

        public long BytesDone { get; private set; }

        public TableSummary Summary { get; }

        public bool Complete => BytesDone >= Bytes;

        public void Starting()
        {
            if (!_clock.IsRunning)
            {
                _clock.Start();
            }
        }

        public void Loaded(RecordRange batch, BatchOutcome outcome)
        {
            var stashed = outcome.Stashed;
            Summary.BinaryBatches += outcome.Binary ? 1 : 0;
            Summary.RowsRead += batch.Rows;
            Summary.RowsLoaded += batch.Rows - stashed;
            Summary.RowsStashed += stashed;
            Summary.Time = _clock.Elapsed;
            BytesDone += batch.Length;
        }
    }
}
