using System;
using System.Collections.Generic;
using System.Data.Common;
using System.IO;
using System.Linq;

namespace YbMigrate.Migration.Data.Export;

/// <summary>What to export and how.</summary>
public sealed class DataExportOptions
{
    /// <summary>The migration folder: files go to OUT/data/.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Tables to export, "schema.table" or "table" (a partitioned table selects its partitions); empty: every table.</summary>
    public IReadOnlyCollection<string> Tables { get; init; } = [];

    /// <summary>Readers at once, one connection each; null: the source's <see cref="ITableDataSource.DefaultParallelism"/>.</summary>
    public int? Parallel { get; init; }

    /// <summary>About how many rows a file holds before a table is split into ranges (of pages or keys).</summary>
    public long RowsPerFile { get; init; } = 1_000_000;
}

/// <summary>A file that was written, as the export reports it.</summary>
public sealed record ExportedFile(ExportChunk Chunk, DataFile File, TimeSpan Elapsed);

/// <summary>What an export did: the manifest it wrote, where, and how many readers ran.</summary>
public sealed record DataExportResult(DataManifest Manifest, string ManifestPath, int Parallel);

/// <summary>
/// Exports table rows as PostgreSQL COPY CSV files and DIR/data/manifest.json: every table is
/// split into chunks, the largest chunks go first to N readers that all read one consistent
/// snapshot, and the manifest is written last, only when every file is complete.
/// </summary>
public static class DataExporter
{
    /// <summary>
    /// Runs the export. <paramref name="warn"/> hears the source's warnings before any row is read;
    /// <paramref name="fileDone"/> hears of each file as it is completed (on the reader's thread).
    /// Nothing in DIR/data changes until every table is planned.
    /// </summary>
    public static DataExportResult Export(ITableDataSource source, DataExportOptions options, Action<ExportedFile>? fileDone = null, Action<string>? warn = null)
    {
        var started = DateTimeOffset.UtcNow;
        var read = source.BeginConsistentRead();
        foreach (var warning in read.Warnings)
        {
            warn?.Invoke(warning);
        }

        // The readers connect while the tables are listed and planned: the first rows come sooner.
        var readers = Math.Max(1, options.Parallel ?? source.DefaultParallelism);
        using var pool = new ReaderPool(source, readers);
        var tables = Select(source.ReadTables(), options.Tables);
        var chunks = tables.SelectMany(t => Plan(source, t, options.RowsPerFile, readers)).ToList();
        var dataDirectory = PrepareDirectory(options.OutputDirectory);
        var parallel = Math.Max(1, Math.Min(readers, chunks.Count));

        var files = pool.Run(chunks, dataDirectory, fileDone);

        var manifest = new DataManifest
        {
            SourceKind = source.Kind == Sources.SourceKind.SqlServer ? "sqlserver" : "postgresql",
            Source = source.DisplayConnection,
            SourceVersion = source.ServerVersion,
            Snapshot = read.Snapshot,
            StartedAt = started,
            FinishedAt = DateTimeOffset.UtcNow,
            Tables = tables.Select(t => Entry(t, chunks.Where(c => c.Table == t).Select(c => files[c]))).ToList(),
        };
        manifest.Write(options.OutputDirectory);
        return new DataExportResult(manifest, Path.Combine(dataDirectory, DataManifest.FileName), parallel);
    }

    /// <summary>The tables <paramref name="wanted"/> names (all when empty), in schema and name order; an unknown name is an error.</summary>
    internal static List<ExportTable> Select(IReadOnlyList<ExportTable> tables, IReadOnlyCollection<string> wanted)
    {
        var ordered = tables.OrderBy(t => t.Schema, StringComparer.Ordinal).ThenBy(t => t.Name, StringComparer.Ordinal).ToList();
        if (wanted.Count == 0)
        {
            return ordered;
        }

        bool Names(ExportTable table, string name) =>
            name.Contains('.') ? table.DisplayName == name || table.PartitionAncestors.Contains(name)
                : table.Name == name || table.PartitionAncestors.Any(a => a.EndsWith("." + name, StringComparison.Ordinal));

        var missing = wanted.Where(name => !ordered.Any(t => Names(t, name))).ToList();
        if (missing.Count > 0)
        {
            throw new DataExportException(
                $"table(s) not found in the source: {string.Join(", ", missing)}. Name tables as schema.table or table, with the source's case (e.g. public.orders).");
        }

        return ordered.Where(t => wanted.Any(name => Names(t, name))).ToList();
    }

    private static IReadOnlyList<ExportChunk> Plan(ITableDataSource source, ExportTable table, long rowsPerFile, int readers)
    {
        try
        {
            return source.PlanChunks(table, rowsPerFile, readers);
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or NotSupportedException)
        {
            throw new DataExportException($"table {table.DisplayName}: {ex.Message}. Nothing was exported; fix the cause and run the export again.", table, null, ex);
        }
    }

    // The previous export's files go: a manifest left from it must not describe files this run replaces.
    private static string PrepareDirectory(string outputDirectory)
    {
        var directory = DataManifest.DataDirectory(outputDirectory);
        Directory.CreateDirectory(directory);
        File.Delete(Path.Combine(directory, DataManifest.FileName));
        foreach (var old in Directory.EnumerateFiles(directory).Where(f => f.EndsWith(".csv", StringComparison.Ordinal) || f.EndsWith(DataFileWriter.PartialSuffix, StringComparison.Ordinal)))
        {
            File.Delete(old);
        }

        return directory;
    }

    private static TableData Entry(ExportTable table, IEnumerable<DataFile> files)
    {
        var entry = table.ToManifest();
        entry.Files = files.ToList();
        entry.TotalFiles();
        return entry;
    }
}

/// <summary>An export that cannot run or did not finish; the message names the table (and chunk) and what to do.</summary>
public sealed class DataExportException : MigrationException
{
    /// <summary>Creates the exception.</summary>
    public DataExportException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception for a table, or one of its chunks, that could not be read, with the cause.</summary>
    public DataExportException(string message, ExportTable table, ExportChunk? chunk, Exception inner) : base(message, inner) =>
        (Table, Chunk) = (table.DisplayName, chunk);

    /// <summary>The table that failed, "schema.name"; null when the export could not start (e.g. an unknown table name).</summary>
    public string? Table { get; }

    /// <summary>The chunk that failed; null when the table failed before any chunk was read.</summary>
    public ExportChunk? Chunk { get; }
}
