using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Spectre.Console;
using YbMigrate.Cli.Progress;
using YbMigrate.Migration.Data;
using YbMigrate.Migration.Data.Import;
using YbMigrate.Migration.Sources;

namespace YbMigrate.Cli.Commands;

/// <summary>
/// <c>import</c> and <c>import status</c>: the exported CSV files loaded into the target. Exit codes:
/// 0 every row loaded, 1 a bad row stopped the run or rows were stashed, 2 bad usage, unreadable or
/// changed files, or a target that cannot be reached or lacks the tables.
/// </summary>
internal static class ImportCommand
{
    /// <summary>Exit code: a bad row stopped the import, or bad rows were stashed.</summary>
    public const int BadRows = 1;

    public static Command Create(TextWriter output, TextWriter error)
    {
        var (target, input, tables) = CommonOptions();
        var parallel = new Option<int?>("--parallel") { Description = "Streams at once, one connection each (default: from the target's size: 2 per YugabyteDB node, 2 for PostgreSQL)" };
        var batchRows = new Option<int>("--batch-rows") { Description = "Rows per batch, one transaction each (a batch also stays under 64 MB)", DefaultValueFactory = _ => ImportOptions.DefaultBatchRows };
        var onError = new Option<string>("--on-error")
        {
            Description = "A row the target refuses: stop (name its file, line and column; nothing of its batch is loaded) or stash (keep it in IN/errors/ and load the rest)",
            DefaultValueFactory = _ => "stop",
        };
        onError.AcceptOnlyFromAmong("stop", "stash");
        var copyFormat = new Option<string>("--copy-format")
        {
            Description = "How batches are sent: auto (binary COPY, converted on the client, for tables whose column types all convert exactly; CSV for the others and for any batch with a value that does not) or csv (the files' bytes as they are)",
            DefaultValueFactory = _ => "auto",
        };
        copyFormat.AcceptOnlyFromAmong("auto", "csv");
        var noTransactions = new Option<bool>("--yb-disable-transactional-writes")
        {
            Description = "YugabyteDB only, unsafe: rows written outside the batch's transaction (faster; a batch that fails half-way leaves its rows, so use it with --yb-upsert-mode on tables with a primary key)",
        };
        var upsert = new Option<bool>("--yb-upsert-mode")
        {
            Description = "YugabyteDB only, unsafe: a row whose key exists overwrites it instead of failing (faster; duplicate keys in the files go unreported)",
        };
        foreach (var option in new Option[] { parallel, batchRows })
        {
            option.Validators.Add(result =>
            {
                if (result.GetValueOrDefault<int?>() is < 1)
                {
                    result.AddError($"{result.Option.Name} must be at least 1");
                }
            });
        }

        var import = new Command("import", "Load the exported CSV files (IN/data) into the target, in batches recorded on the target: a rerun loads only what is not done.")
        {
            target.Target, input, parallel, batchRows, onError, copyFormat, tables, noTransactions, upsert, CreateStatus(output, error),
        };
        import.SetAction((parse, cancel) => RunAsync(error, target.ConnectionString(parse, error), async connection =>
        {
            var options = new ImportOptions
            {
                InputDirectory = parse.GetValue(input)!,
                Parallel = parse.GetValue(parallel),
                BatchRows = parse.GetValue(batchRows),
                OnBadRow = parse.GetValue(onError) == "stash" ? OnBadRow.Stash : OnBadRow.Stop,
                CopyFormat = parse.GetValue(copyFormat) == "csv" ? CopyFormat.Csv : CopyFormat.Auto,
                Tables = SplitNames(parse.GetValue(tables)),
                YbDisableTransactionalWrites = parse.GetValue(noTransactions),
                YbUpsertMode = parse.GetValue(upsert),
            };
            var result = await ImportWithProgressAsync(output, connection, options, cancel);
            return Report(output, error, ConnectionStrings.RedactPostgreSql(connection), options, result);
        }));
        return import;
    }

    private static Command CreateStatus(TextWriter output, TextWriter error)
    {
        var (target, input, tables) = CommonOptions();
        var status = new Command("status", "What the import has done and what is left, per table (from the manifest and the target's ledger).")
        {
            target.Target, input, tables,
        };
        status.SetAction((parse, cancel) => RunAsync(error, target.ConnectionString(parse, error), async connection =>
        {
            var states = await ImportStatus.ReadAsync(connection, parse.GetValue(input)!, SplitNames(parse.GetValue(tables)), cancel);
            PrintStatus(output, states);
            return CliApp.Success;
        }));
        return status;
    }

    private static (TargetOption Target, Option<string> Input, Option<string?> Tables) CommonOptions() =>
        (new TargetOption(),
         new Option<string>("--in") { Description = "The migration folder: the data manifest and files are in IN/data/", Required = true },
         new Option<string?>("--tables") { Description = "Comma-separated tables (schema.name or name) to import; default: all" });

    private static string[] SplitNames(string? names) =>
        (names ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    // Bars on a terminal; a plain line per batch when the output is a file, a pipe or a test's writer.
    private static async Task<ImportResult> ImportWithProgressAsync(TextWriter output, string connection, ImportOptions options, CancellationToken cancel)
    {
        var interactive = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
        if (!interactive)
        {
            return await DataImporter.ImportAsync(connection, options, new PlainImportProgress(output), cancel);
        }

        return await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(SpectreImportProgress.Columns())
            .StartAsync(context => DataImporter.ImportAsync(connection, options, new SpectreImportProgress(context, AnsiConsole.Console), cancel));
    }

    private static int Report(TextWriter output, TextWriter error, string display, ImportOptions options, ImportResult result)
    {
        output.WriteLine();
        output.WriteLine($"{"table",-32} {"rows read",12} {"loaded",12} {"stashed",10} {"done before",12} {"time",9}");
        foreach (var table in result.Tables)
        {
            output.WriteLine($"{table.Name,-32} {Figures.Rows(table.RowsRead),12} {Figures.Rows(table.RowsLoaded),12} {Figures.Rows(table.RowsStashed),10} " +
                $"{Figures.Rows(table.RowsDoneBefore),12} {Figures.Seconds(table.Time),9}{(table.Complete ? "" : "  (not complete)")}");
        }

        var loaded = result.Tables.Sum(t => t.RowsLoaded);
        output.WriteLine($"imported {Figures.Rows(loaded)} rows into {display} ({result.Target}, {result.Parallel} stream(s)) in {Figures.Seconds(result.Elapsed)}, {Figures.Rate(loaded, result.Elapsed)} rows/s");
        foreach (var warning in result.Warnings)
        {
            error.WriteLine("warning: " + warning);
        }

        if (result.StoppedAt is { } bad)
        {
            error.WriteLine("error: " + bad.Describe());
            error.WriteLine($"nothing of that batch (from line {bad.Batch.FirstLine}, {Figures.Rows(bad.Batch.Rows)} rows) was loaded. Fix the row and run again (batches done are skipped), " +
                "or run with --on-error stash to load the other rows and keep the bad ones in " + options.ErrorsDirectory + ".");
            return BadRows;
        }

        if (result.RowsStashed > 0)
        {
            error.WriteLine($"error: {Figures.Rows(result.RowsStashed)} bad row(s) stashed, not loaded: {string.Join(", ", result.StashFiles)}");
            return BadRows;
        }

        return CliApp.Success;
    }

    private static void PrintStatus(TextWriter output, System.Collections.Generic.IReadOnlyList<TableStatus> states)
    {
        output.WriteLine($"{"table",-32} {"state",-12} {"rows",12} {"loaded",12} {"stashed",10} {"left",12} {"files done",11}");
        foreach (var table in states)
        {
            var percent = table.Bytes == 0 ? 100 : 100 * table.BytesDone / table.Bytes;
            var state = table.State == "partial" ? $"partial {percent}%" : table.State;
            output.WriteLine($"{table.Name,-32} {state,-12} {Figures.Rows(table.Rows),12} {Figures.Rows(table.RowsLoaded),12} {Figures.Rows(table.RowsStashed),10} " +
                $"{Figures.Rows(table.RowsLeft),12} {table.FilesDone + "/" + table.Files,11}");
            foreach (var changed in table.ChangedFiles)
            {
                output.WriteLine($"  {changed}: partly loaded from another version of the file than the manifest's");
            }

            if (table.AutovacuumHeld)
            {
                output.WriteLine("  autovacuum is off for it until an import completes it (its own setting is kept in yb_migrate.import_autovacuum)");
            }
        }

        var done = states.Count(s => s.Done);
        output.WriteLine($"{done} of {states.Count} table(s) done; {Figures.Rows(states.Sum(s => s.RowsLeft))} rows and {Figures.Megabytes(states.Sum(s => s.Bytes - s.BytesDone))} left");
    }

    private static async Task<int> RunAsync(TextWriter error, string? target, Func<string, Task<int>> run)
    {
        if (target is null)
        {
            return CliApp.UsageOrIoError;
        }

        return await DatabaseFailures.RunAsync(error, ConnectionStrings.RedactPostgreSql(target), () => run(target),
            "what is done stays done: run again once fixed, and finished batches are skipped.");
    }
}
