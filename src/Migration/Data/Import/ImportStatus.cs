using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace YbMigrate.Migration.Data.Import;

/// <summary>One table's import state: what the manifest has, what the target's ledger records as done.</summary>
/// <param name="Name">"schema.name".</param>
/// <param name="Rows">Rows in its files (manifest).</param>
/// <param name="Bytes">Bytes in its files.</param>
/// <param name="Files">Its files.</param>
/// <param name="FilesDone">Files whose every batch is done.</param>
/// <param name="RowsLoaded">Rows loaded.</param>
/// <param name="RowsStashed">Rows stashed as bad.</param>
/// <param name="BytesDone">Bytes of the batches done.</param>
/// <param name="ChangedFiles">Files partly loaded from a version with another checksum than the manifest's.</param>
/// <param name="AutovacuumHeld">Whether autovacuum is off for the table until an import completes it.</param>
public sealed record TableStatus(string Name, long Rows, long Bytes, int Files, int FilesDone, long RowsLoaded, long RowsStashed, long BytesDone, IReadOnlyList<string> ChangedFiles,
    bool AutovacuumHeld)
{
    /// <summary>Every batch done.</summary>
    public bool Done => BytesDone >= Bytes;

    /// <summary>Rows not loaded or stashed yet (by the manifest's count).</summary>
    public long RowsLeft => Math.Max(0, Rows - RowsLoaded - RowsStashed);

    /// <summary>"done", "partial" or "not started".</summary>
    public string State => Done ? "done" : BytesDone > 0 ? "partial" : "not started";
}

/// <summary><c>import status</c>: what is done and what is left, from the manifest and the target's ledger; nothing is read from the files.</summary>
public static class ImportStatus
{
    /// <summary>The state of every table of the manifest (or of <paramref name="tables"/>), largest first.</summary>
    public static async Task<IReadOnlyList<TableStatus>> ReadAsync(string targetConnectionString, string migrationDirectory, IReadOnlyList<string> tables, CancellationToken cancel = default)
    {
        var selected = ImportSelection.Select(DataManifest.Read(migrationDirectory), tables);
        await using var connection = new NpgsqlConnection(targetConnectionString);
        await connection.OpenAsync(cancel);
        var started = await ImportLedger.ExistsAsync(connection, cancel);
        var files = started ? await ImportLedger.ReadFilesAsync(connection, cancel) : new Dictionary<string, LedgerFile>();
        var batches = started ? (await ImportLedger.ReadBatchesAsync(connection, cancel)).Values.ToLookup(b => b.File) : Array.Empty<LedgerBatch>().ToLookup(b => b.File);
        var held = started && await ImportLedger.TablesExistAsync(connection, cancel, AutovacuumPause.LedgerTable)
            ? (await AutovacuumPause.ReadHeldAsync(connection, cancel)).Select(h => h.Name).ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>();

        return selected.Select(table =>
        {
            var done = table.Files.SelectMany(f => batches[f.Path]).ToList();
            return new TableStatus(
                table.DisplayName,
                table.RowCount,
                table.Bytes,
                table.Files.Count,
                table.Files.Count(f => batches[f.Path].Sum(b => b.Length) >= f.Bytes),
                done.Sum(b => b.RowsLoaded),
                done.Sum(b => b.RowsStashed),
                done.Sum(b => b.Length),
                table.Files.Where(f => batches[f.Path].Any() && files.TryGetValue(f.Path, out var ledger) && !FileChecksum.Same(ledger.Checksum, f.Checksum))
                    .Select(f => "data/" + f.Path).ToList(),
                held.Contains(table.DisplayName));
        }).ToList();
    }
}
