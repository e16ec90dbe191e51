using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace YbMigrate.Migration.Data;

// The contract between `export` and `import`: DIR/data/manifest.json lists every CSV file the export
// wrote. Files are in PostgreSQL's COPY CSV form (comma, double quote, NULL = unquoted empty field,
// empty string = ""), UTF-8, no header line: the manifest names the columns. A quoted field can hold
// newlines, so a file is only ever split on record boundaries.

/// <summary>DIR/data/manifest.json: what an export wrote, read by import and import status.</summary>
public sealed class DataManifest
{
    /// <summary>The manifest's file name inside <see cref="DataDirectory"/>.</summary>
    public const string FileName = "manifest.json";

    /// <summary>
    /// The format of this manifest; a reader refuses a newer one. 2: a file's checksum is "checksum",
    /// "xxh128:hex" (1: "sha256", bare hex, still read).
    /// </summary>
    public const int CurrentFormat = 2;

    /// <summary>The manifest format.</summary>
    public int Format { get; set; } = CurrentFormat;

    /// <summary>The source's kind, e.g. "postgresql", "sqlserver".</summary>
    public string SourceKind { get; set; } = "";

    /// <summary>The source connection without its password.</summary>
    public string Source { get; set; } = "";

    /// <summary>The source server's version string.</summary>
    public string SourceVersion { get; set; } = "";

    /// <summary>The snapshot every worker read from (pg_export_snapshot), null when the source has none.</summary>
    public string? Snapshot { get; set; }

    /// <summary>When the export started (UTC).</summary>
    public DateTimeOffset StartedAt { get; set; }

    /// <summary>When the export finished (UTC).</summary>
    public DateTimeOffset FinishedAt { get; set; }

    /// <summary>Every exported table, each once (a partitioned table's partitions are tables of their own).</summary>
    public List<TableData> Tables { get; set; } = new();

    /// <summary>The data folder of a migration folder: DIR/data.</summary>
    public static string DataDirectory(string migrationDirectory) => Path.Combine(migrationDirectory, "data");

    /// <summary>Reads DIR/data/manifest.json, with an error naming the file when it is missing or unreadable.</summary>
    public static DataManifest Read(string migrationDirectory)
    {
        var path = Path.Combine(DataDirectory(migrationDirectory), FileName);
        if (!File.Exists(path))
        {
            throw new DataManifestException($"{path}: no data manifest; run 'dotnet yb-migrate export --out {migrationDirectory}' first.");
        }

        DataManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize(File.ReadAllText(path), DataManifestJson.Default.DataManifest);
        }
        catch (JsonException ex)
        {
            throw new DataManifestException($"{path}: not a valid data manifest ({ex.Message}).");
        }

        if (manifest is null)
        {
            throw new DataManifestException($"{path}: empty data manifest.");
        }

        if (manifest.Format > CurrentFormat)
        {
            throw new DataManifestException($"{path}: manifest format {manifest.Format} is newer than this tool reads ({CurrentFormat}); update yb-migrate.");
        }

        foreach (var table in manifest.Tables)
        {
            foreach (var file in table.Files)
            {
                file.ReadChecksum(path);
            }

            table.CheckTotals(path);
        }

        return manifest;
    }

    /// <summary>Writes DIR/data/manifest.json atomically (a temporary file renamed over the old one).</summary>
    public void Write(string migrationDirectory)
    {
        var directory = DataDirectory(migrationDirectory);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(this, DataManifestJson.Default.DataManifest));
        File.Move(temporary, path, overwrite: true);
    }
}

// The manifest's JSON form, generated at build time: no reflection over the manifest's types on every start.
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DataManifest))]
internal sealed partial class DataManifestJson : JsonSerializerContext;

/// <summary>One exported table (or partition) and its files.</summary>
public sealed class TableData
{
    /// <summary>Schema on the target (for a SQL Server source: after the schema mapping).</summary>
    public string Schema { get; set; } = "";

    /// <summary>Table name on the target.</summary>
    public string Name { get; set; } = "";

    /// <summary>"schema.name", unquoted: how the import names the table in its messages and matches --tables.</summary>
    [JsonIgnore]
    public string DisplayName => Schema + "." + Name;

    /// <summary>The partitioned table this partition belongs to, "schema.name" unquoted; null for a plain table.</summary>
    public string? PartitionOf { get; set; }

    /// <summary>Column names in file order (target names, unquoted).</summary>
    public List<string> Columns { get; set; } = new();

    /// <summary>Primary key columns, empty when the table has none.</summary>
    public List<string> PrimaryKey { get; set; } = new();

    /// <summary>Rows in all files.</summary>
    public long RowCount { get; set; }

    /// <summary>Bytes in all files.</summary>
    public long Bytes { get; set; }

    /// <summary>The files, in the order of their ranges (page order for ctid ranges, key order for key ranges).</summary>
    public List<DataFile> Files { get; set; } = new();

    /// <summary>Sets <see cref="RowCount"/> and <see cref="Bytes"/> from the files.</summary>
    internal void TotalFiles() => (RowCount, Bytes) = FileTotals();

    // The totals are what import and import status show and plan with: a manifest whose totals are not
    // its files' (edited by hand, damaged) is an error before anything is loaded.
    internal void CheckTotals(string manifestPath)
    {
        var (rows, bytes) = FileTotals();
        if (rows != RowCount || bytes != Bytes)
        {
            throw new DataManifestException(
                $"{manifestPath}: table {Schema}.{Name} says {RowCount} rows and {Bytes} bytes, its files add up to {rows} rows and {bytes} bytes; " +
                "the manifest was changed or damaged: export again.");
        }
    }

    private (long Rows, long Bytes) FileTotals() => (Files.Sum(f => f.Rows), Files.Sum(f => f.Bytes));
}

/// <summary>One CSV file: a whole table or one range of it.</summary>
public sealed class DataFile
{
    /// <summary>Path relative to DIR/data, '/' separated.</summary>
    public string Path { get; set; } = "";

    /// <summary>Rows (CSV records) in the file.</summary>
    public long Rows { get; set; }

    /// <summary>Size in bytes.</summary>
    public long Bytes { get; set; }

    /// <summary>
    /// The checksum of the file's bytes, "xxh128:hex" (<see cref="FileChecksum"/>; "sha256:hex" for a
    /// format 1 manifest): import refuses a file that changed since the export.
    /// </summary>
    public string Checksum { get; set; } = "";

    /// <summary>Format 1's checksum, SHA-256 as bare hex: read into <see cref="Checksum"/>, never written.</summary>
    public string? Sha256 { get; set; }

    /// <summary>
    /// The rows this file holds as a SQL condition on the source (for people), null for a whole
    /// table: a key range, or a ctid page range (PostgreSQL 14 and later), which names the rows of
    /// the export's snapshot only.
    /// </summary>
    public string? KeyRange { get; set; }

    // Takes format 1's checksum as "sha256:hex"; a checksum missing or of an algorithm this tool
    // cannot compute is an error before anything is loaded.
    internal void ReadChecksum(string manifestPath)
    {
        if (Checksum.Length == 0 && !string.IsNullOrEmpty(Sha256))
        {
            (Checksum, Sha256) = (FileChecksum.Sha256 + ":" + Sha256, null);
        }

        var algorithm = Checksum.Length == 0 ? null : FileChecksum.AlgorithmOf(Checksum);
        if (!FileChecksum.IsSupported(algorithm))
        {
            throw new DataManifestException(
                $"{manifestPath}: file {Path} has {(algorithm is null ? "no checksum" : $"a checksum of algorithm '{algorithm}', which this tool does not check")}; " +
                "export again with this version of yb-migrate.");
        }
    }
}

/// <summary>A data manifest that is missing, unreadable or inconsistent; the message names the file and what to do.</summary>
public sealed class DataManifestException : MigrationException
{
    /// <summary>Creates the exception.</summary>
    public DataManifestException(string message) : base(message)
    {
    }
}
