using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Spectre.Console;
using Spectre.Console.Rendering;
using YbMigrate.Migration.Data.Import;

namespace YbMigrate.Cli.Progress;

/// <summary>Figures shared by both progress displays: sizes, rates and times as people read them.</summary>
internal static class Figures
{
    public static string Rows(long rows) => rows.ToString("N0", CultureInfo.InvariantCulture);

    public static string Megabytes(double bytes) => (bytes / (1024 * 1024)).ToString("0.0", CultureInfo.InvariantCulture) + " MB";

    public static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

    public static string Rate(double count, TimeSpan time) => time.TotalSeconds > 0 ? (count / time.TotalSeconds).ToString("N0", CultureInfo.InvariantCulture) : "-";
}

/// <summary>One line per batch: the form for logs, pipes and CI (and what the tests read).</summary>
internal sealed class PlainImportProgress : IImportObserver
{
    private readonly TextWriter _output;
    private readonly Dictionary<string, TableProgress> _tables = new(StringComparer.Ordinal);

    public PlainImportProgress(TextWriter output) => _output = output;

    public void Started(ImportStart start)
    {
        foreach (var table in start.Tables)
        {
            _tables[table.Name] = new TableProgress(table);
        }

        _output.WriteLine($"importing into {start.Target} ({start.Nodes} host(s), {start.Parallel} stream(s)): {start.Tables.Count} table(s), " +
            $"{Figures.Rows(start.Tables.Sum(t => t.Rows))} rows, {Figures.Megabytes(start.Tables.Sum(t => t.Bytes))}; " +
            $"{Figures.Rows(start.Tables.Sum(t => t.RowsDone))} rows done by earlier runs");
    }

    public void BatchLoaded(BatchDone batch)
    {
        var table = _tables[batch.Table];
        table.Add(batch);
        var stashed = batch.Stashed > 0 ? $", {Figures.Rows(batch.Stashed)} stashed" : "";
        _output.WriteLine(
            $"loaded {batch.Table} data/{batch.File} from line {batch.Batch.FirstLine}: {Figures.Rows(batch.Loaded)} rows{stashed}, {Figures.Megabytes(batch.Batch.Length)} in {Figures.Seconds(batch.Elapsed)}; " +
            $"table {table.Percent}% ({Figures.Rows(table.RowsDone)}/{Figures.Rows(table.Start.Rows)} rows), {Figures.Rate(table.RowsThisRun, table.Clock)} rows/s, " +
            $"{Figures.Megabytes(table.BytesThisRun / Math.Max(table.Clock.TotalSeconds, 1e-3))}/s, ETA {table.Eta}");
    }

    public void Retrying(BatchRetry retry) =>
        _output.WriteLine($"retry {retry.Table} data/{retry.File} from line {retry.Batch.FirstLine}: attempt {retry.Attempt} failed ({retry.Reason}); again in {Figures.Seconds(retry.Delay)}");

    // A table's figures for the plain lines (the progress bars keep their own); its clock runs from
    // the start of its first batch in this run.
    private sealed class TableProgress
    {
        private DateTime _started;

        public TableProgress(TableStart start)
        {
            Start = start;
            RowsDone = start.RowsDone;
            BytesDone = start.BytesDone;
        }

        public TableStart Start { get; }

        public long RowsDone { get; private set; }

        public long BytesDone { get; private set; }

        public long RowsThisRun { get; private set; }

        public long BytesThisRun { get; private set; }

        public TimeSpan Clock => DateTime.UtcNow - _started;

        public int Percent => Start.Bytes == 0 ? 100 : (int)(100 * BytesDone / Start.Bytes);

        public string Eta => BytesThisRun == 0 ? "-" : Figures.Seconds(TimeSpan.FromSeconds((Start.Bytes - BytesDone) * Clock.TotalSeconds / BytesThisRun));

        public void Add(BatchDone batch)
        {
            if (BytesThisRun == 0)
            {
                _started = DateTime.UtcNow - batch.Elapsed;
            }

            RowsDone += batch.Batch.Rows;
            BytesDone += batch.Batch.Length;
            RowsThisRun += batch.Batch.Rows;
            BytesThisRun += batch.Batch.Length;
        }
    }
}

/// <summary>Progress bars on a terminal: one per table, with rows/s, MB/s and the time left.</summary>
internal sealed class SpectreImportProgress : IImportObserver
{
    private const string RowsKey = "rows";

    private readonly ProgressContext _context;
    private readonly IAnsiConsole _console;
    private readonly Dictionary<string, ProgressTask> _tasks = new(StringComparer.Ordinal);

    public SpectreImportProgress(ProgressContext context, IAnsiConsole console)
    {
        _context = context;
        _console = console;
    }

    /// <summary>The columns of the display.</summary>
    public static ProgressColumn[] Columns() =>
        new ProgressColumn[] { new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RowsPerSecondColumn(), new TransferSpeedColumn(), new RemainingTimeColumn() };

    public void Started(ImportStart start)
    {
        foreach (var table in start.Tables)
        {
            // Started at its first batch, so its rates are this table's own.
            var task = _context.AddTask(Markup.Escape(table.Name), autoStart: false, maxValue: Math.Max(table.Bytes, 1));
            task.Value = table.BytesDone;
            _tasks[table.Name] = task;
        }
    }

    public void BatchLoaded(BatchDone batch)
    {
        var task = _tasks[batch.Table];
        if (!task.IsStarted)
        {
            task.StartTask();
        }

        task.State.Update<double>(RowsKey, rows => rows + batch.Batch.Rows);
        task.Increment(batch.Batch.Length);
    }

    public void Retrying(BatchRetry retry) =>
        _console.MarkupLine($"[yellow]retry[/] {Markup.Escape(retry.Table)} data/{Markup.Escape(retry.File)} from line {retry.Batch.FirstLine}: {Markup.Escape(retry.Reason)}");

    // Rows per second of this run, from the rows counted in the task's state.
    private sealed class RowsPerSecondColumn : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(task.ElapsedTime is { } elapsed ? Figures.Rate(task.State.Get<double>(RowsKey), elapsed) + " rows/s" : "");
    }
}
