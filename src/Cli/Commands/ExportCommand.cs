using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using YbMigrate.Migration.Data.Export;

namespace YbMigrate.Cli.Commands;

/// <summary>
/// <c>dotnet yb-migrate export</c>: the source's rows as COPY CSV files and OUT/data/manifest.json.
/// Exit codes: 0 exported, 1 a table could not be read (nothing is marked complete), 2 bad usage, no
/// connection or an unknown table.
/// </summary>
internal static class ExportCommand
{
    /// <summary>Exit code: a file could not be exported.</summary>
    public const int ExportFailed = 1;

    public static Command Create(TextWriter output, TextWriter error)
    {
        var source = new SourceOptions();
        var outDir = new Option<string>("--out") { Description = "Migration folder (the files go to OUT/data/)", Required = true };
        var tables = new Option<string?>("--tables") { Description = "Comma-separated tables, schema.table or table (a partitioned table: its partitions); default every table" };
        var parallel = new Option<int?>("--parallel") { Description = "Readers at once, one connection each (default: the source's cores when it runs here, else 2)" };
        var rowsPerFile = new Option<long>("--rows-per-file")
        {
            Description = "About how many rows one file holds; larger tables are split into ranges (of pages on PostgreSQL 14+, else of keys)",
            DefaultValueFactory = _ => 1_000_000,
        };
        parallel.Validators.Add(result =>
        {
            if (result.GetValue(parallel) is < 1)
            {
                result.AddError("--parallel must be at least 1");
            }
        });
        rowsPerFile.Validators.Add(result =>
        {
            if (result.GetValue(rowsPerFile) < 1)
            {
                result.AddError("--rows-per-file must be at least 1");
            }
        });

        var export = new Command("export",
            "Export the source's rows as PostgreSQL COPY CSV files (OUT/data/*.csv) and OUT/data/manifest.json, all read in one snapshot.")
        {
            source.Source, source.Type, outDir, tables, parallel, rowsPerFile,
        };
        export.SetAction(parse =>
        {
            var options = new DataExportOptions
            {
                OutputDirectory = parse.GetValue(outDir)!,
                Tables = (parse.GetValue(tables) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                Parallel = parse.GetValue(parallel),
                RowsPerFile = parse.GetValue(rowsPerFile),
            };
            return source.Run(parse, error, (database, display) => Export(output, error, database, display, options));
        });
        return export;
    }

    private static int Export(TextWriter output, TextWriter error, ITableDataSource database, string display, DataExportOptions options)
    {
        DataExportResult result;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            result = DataExporter.Export(database, options,
                file =>
                {
                    lock (output)
                    {
                        output.WriteLine(Progress(file));
                    }
                },
                warning => error.WriteLine("warning: " + warning));
        }
        catch (DataExportException ex)
        {
            error.WriteLine("error: " + ex.Message);
            return ex.Table is null ? CliApp.UsageOrIoError : ExportFailed;
        }

        var tables = result.Manifest.Tables;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"exported {tables.Sum(t => t.RowCount):N0} rows of {tables.Count} table(s) from {display} into {tables.Sum(t => t.Files.Count)} file(s), " +
            $"{Megabytes(tables.Sum(t => t.Bytes)):F1} MB in {clock.Elapsed.TotalSeconds:F1} s with {result.Parallel} reader(s): {result.ManifestPath}"));
        return CliApp.Success;
    }

    private static double Megabytes(long bytes) => bytes / 1024.0 / 1024.0;

    // "public.orders  public.orders.0002.csv  1,000,000 rows  131.4 MB  2.1 s  62.6 MB/s"
    private static string Progress(ExportedFile file)
    {
        var seconds = Math.Max(file.Elapsed.TotalSeconds, 0.001);
        return string.Create(CultureInfo.InvariantCulture,
            $"{file.Chunk.Table.DisplayName}  {file.File.Path}  {file.File.Rows:N0} rows  {Megabytes(file.File.Bytes):F1} MB  {seconds:F1} s  {Megabytes(file.File.Bytes) / seconds:F1} MB/s");
    }
}
