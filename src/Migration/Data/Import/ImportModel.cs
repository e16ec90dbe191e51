using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace YbMigrate.Migration.Data.Import;

/// <summary>What to do with a row the target refuses.</summary>
public enum OnBadRow
{
    /// <summary>Stop, naming the file, line, column and the server's message; the batch is not loaded.</summary>
    Stop,

    /// <summary>Keep the bad rows in DIR/errors/ with their line and reason, and load the rest.</summary>
    Stash,
}

/// <summary>How batches are sent to the target.</summary>
public enum CopyFormat
{
    /// <summary>
    /// Binary COPY for the tables whose every column type has a converter on the client (PostgreSQL
    /// targets), CSV for the others and for any batch with a value not converted exactly.
    /// </summary>
    Auto,

    /// <summary>The CSV files' bytes as they are, always.</summary>
    Csv,
}

/// <summary>How to import.</summary>
public sealed class ImportOptions
{
    /// <summary>Default rows per batch (one transaction each).</summary>
    public const int DefaultBatchRows = 20_000;

    /// <summary>Default and largest byte size of a batch; a batch is larger only when one row is.</summary>
    public const long DefaultBatchBytes = 64L * 1024 * 1024;

    /// <summary>The migration folder; the data is in DIR/data (manifest.json and the CSV files).</summary>
    public string InputDirectory { get; set; } = ".";

    /// <summary>Streams at once, one connection each; null: from the target's size.</summary>
    public int? Parallel { get; set; }

    /// <summary>Rows per batch.</summary>
    public int BatchRows { get; set; } = DefaultBatchRows;

    /// <summary>Bytes per batch at most (unless a single row is larger).</summary>
    public long BatchBytes { get; set; } = DefaultBatchBytes;

    /// <summary>What to do with a bad row.</summary>
    public OnBadRow OnBadRow { get; set; } = OnBadRow.Stop;

    /// <summary>Only these tables ("schema.name" or "name"); empty: every table of the manifest.</summary>
    public IReadOnlyList<string> Tables { get; set; } = Array.Empty<string>();

    /// <summary>How batches are sent: binary COPY where it converts exactly (auto), or CSV always.</summary>
    public CopyFormat CopyFormat { get; set; } = CopyFormat.Auto;

    /// <summary>YugabyteDB only, opt-in: yb_disable_transactional_writes (faster, a failed batch leaves its rows behind).</summary>
    public bool YbDisableTransactionalWrites { get; set; }

    /// <summary>YugabyteDB only, opt-in: yb_enable_upsert_mode (faster, a duplicate key overwrites instead of failing).</summary>
    public bool YbUpsertMode { get; set; }

    /// <summary>Waits between attempts of a batch that failed for a passing reason (connection lost, server restarting, serialization); a batch is tried once more than there are waits.</summary>
    public IReadOnlyList<TimeSpan> RetryDelays { get; set; } = new[] { 0.5, 1, 2, 4, 8, 15, 15, 15, 15, 15 }.Select(TimeSpan.FromSeconds).ToArray();

    /// <summary>The folder bad rows are stashed in: DIR/errors.</summary>
    public string ErrorsDirectory => Path.Combine(InputDirectory, "errors");
}

/// <summary>A table about to be imported, as the progress display first sees it.</summary>
/// <param name="Name">"schema.name".</param>
/// <param name="Rows">Rows in its files (from the manifest).</param>
/// <param name="Bytes">Bytes in its files.</param>
/// <param name="RowsDone">Rows already loaded or stashed by earlier runs.</param>
/// <param name="BytesDone">Bytes of the batches earlier runs did.</param>
public sealed record TableStart(string Name, long Rows, long Bytes, long RowsDone, long BytesDone);

/// <summary>The import is starting.</summary>
/// <param name="Target">The target kind ("PostgreSQL", "YugabyteDB").</param>
/// <param name="Nodes">Hosts the connections are spread over.</param>
/// <param name="Parallel">Streams.</param>
/// <param name="Tables">The tables, largest first.</param>
public sealed record ImportStart(string Target, int Nodes, int Parallel, IReadOnlyList<TableStart> Tables);

/// <summary>One batch committed.</summary>
/// <param name="Table">"schema.name".</param>
/// <param name="File">Path relative to DIR/data.</param>
/// <param name="Batch">Where in the file.</param>
/// <param name="Stashed">Bad rows stashed instead of loaded.</param>
/// <param name="Elapsed">From the batch's start to its commit.</param>
public sealed record BatchDone(string Table, string File, RecordRange Batch, long Stashed, TimeSpan Elapsed)
{
    /// <summary>Rows loaded.</summary>
    public long Loaded => Batch.Rows - Stashed;
}

/// <summary>A batch is tried again after a passing failure.</summary>
/// <param name="Table">"schema.name".</param>
/// <param name="File">Path relative to DIR/data.</param>
/// <param name="Batch">Where in the file.</param>
/// <param name="Attempt">The attempt that failed (1 for the first).</param>
/// <param name="Delay">The wait before the next.</param>
/// <param name="Reason">The error.</param>
public sealed record BatchRetry(string Table, string File, RecordRange Batch, int Attempt, TimeSpan Delay, string Reason);

/// <summary>Hears of the import as it runs; calls come from several threads, one at a time.</summary>
public interface IImportObserver
{
    /// <summary>Before the first batch.</summary>
    void Started(ImportStart start);

    /// <summary>A batch committed.</summary>
    void BatchLoaded(BatchDone batch);

    /// <summary>A batch failed for a passing reason and is tried again.</summary>
    void Retrying(BatchRetry retry);
}

/// <summary>A row the target refused, located in its file, as --on-error stop reports it.</summary>
/// <param name="Table">"schema.name".</param>
/// <param name="File">Path relative to DIR/data.</param>
/// <param name="Line">The file line the record starts on; null when the server did not say which row.</param>
/// <param name="Column">The column, when the server named one.</param>
/// <param name="Error">The server's error: "ERROR 22P02: message (detail)".</param>
/// <param name="Batch">The batch it was in (nothing of it was loaded).</param>
public sealed record BadRow(string Table, string File, long? Line, string? Column, string Error, RecordRange Batch)
{
    /// <summary>"data/x.csv:12: column amount: ERROR 22P02: ...".</summary>
    public string Describe() =>
        $"data/{File}:{(Line is { } line ? line.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{Batch.FirstLine}-?")}: " +
        (Column is null ? "" : $"column {Column}: ") + Error + $" (table {Table})";
}

/// <summary>One table's figures at the end of a run.</summary>
public sealed class TableSummary
{
    /// <summary>"schema.name".</summary>
    public string Name { get; init; } = "";

    /// <summary>Rows in the table's files (manifest).</summary>
    public long Rows { get; init; }

    /// <summary>Rows read from the files in this run.</summary>
    public long RowsRead { get; set; }

    /// <summary>Rows loaded in this run.</summary>
    public long RowsLoaded { get; set; }

    /// <summary>Rows stashed in this run.</summary>
    public long RowsStashed { get; set; }

    /// <summary>Rows loaded or stashed by earlier runs (their batches were skipped).</summary>
    public long RowsDoneBefore { get; init; }

    /// <summary>Batches of this run sent as binary COPY (the others went as CSV).</summary>
    public long BinaryBatches { get; set; }

    /// <summary>From the table's first batch to its last in this run.</summary>
    public TimeSpan Time { get; set; }

    /// <summary>Whether every batch of the table is done.</summary>
    public bool Complete { get; set; }
}

/// <summary>The outcome of an import run.</summary>
public sealed class ImportResult
{
    /// <summary>Per table, largest first.</summary>
    public List<TableSummary> Tables { get; } = new();

    /// <summary>The bad row that stopped the run (--on-error stop), or null.</summary>
    public BadRow? StoppedAt { get; set; }

    /// <summary>The stash files written (--on-error stash), for the tables with bad rows.</summary>
    public List<string> StashFiles { get; } = new();

    /// <summary>Things the user should know that did not stop the run (a row count different from the manifest's, triggers left on).</summary>
    public List<string> Warnings { get; } = new();

    /// <summary>Hosts the connections went to.</summary>
    public int Nodes { get; set; }

    /// <summary>Streams used.</summary>
    public int Parallel { get; set; }

    /// <summary>"PostgreSQL" or "YugabyteDB".</summary>
    public string Target { get; set; } = "";

    /// <summary>Wall time of the run.</summary>
    public TimeSpan Elapsed { get; set; }

    /// <summary>Rows stashed in this run, all tables.</summary>
    public long RowsStashed => Tables.Sum(t => t.RowsStashed);
}

/// <summary>An import that cannot go on: a missing table, a changed file, a lost target; the message says what to do.</summary>
public sealed class ImportException : MigrationException
{
    /// <summary>Creates the exception.</summary>
    public ImportException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}
