using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using YbMigrate.Migration.Sql;

namespace YbMigrate.Migration.Data.Import;

/// <summary>Which tables of the manifest are imported, and whether their files and target tables are ready.</summary>
internal static class ImportSelection
{
    /// <summary>The manifest's tables named in <paramref name="names"/> ("schema.name" or "name"; all when empty), largest first.</summary>
    public static List<TableData> Select(DataManifest manifest, IReadOnlyList<string> names)
    {
        var unknown = names.Where(n => !manifest.Tables.Any(t => Matches(t, n))).ToList();
        if (unknown.Count > 0)
        {
            throw new ImportException($"--tables: {string.Join(", ", unknown)} not in the data manifest; it has {string.Join(", ", manifest.Tables.Select(t => t.DisplayName))}.");
        }

        return manifest.Tables
            .Where(t => names.Count == 0 || names.Any(n => Matches(t, n)))
            .OrderByDescending(t => t.Bytes)
            .ThenBy(t => t.DisplayName, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Every file is there with the size the manifest gives (a cheap check before anything is loaded; the checksum comes later).</summary>
    public static void CheckFiles(string migrationDirectory, IEnumerable<TableData> tables)
    {
        var dataDirectory = DataManifest.DataDirectory(migrationDirectory);
        foreach (var file in tables.SelectMany(t => t.Files))
        {
            var info = new FileInfo(Path.Combine(dataDirectory, file.Path));
            if (!info.Exists)
            {
                throw new DataManifestException($"data/{file.Path}: listed in the data manifest but missing; export again, or restore the file.");
            }

            if (info.Length != file.Bytes)
            {
                throw new DataManifestException($"data/{file.Path}: {info.Length} bytes, the manifest says {file.Bytes}: the file changed since the export. Export again, or restore the file.");
            }
        }
    }

    /// <summary>
    /// The target table exists with the manifest's columns (<paramref name="columns"/>, as
    /// <see cref="TargetColumns"/> read them), and holds no rows the ledger does not account for
    /// (loading on top of them would duplicate them).
    /// </summary>
    public static async Task CheckTargetTableAsync(NpgsqlConnection connection, TableData table, IReadOnlyDictionary<string, ColumnType> columns,
        bool started, CancellationToken cancel)
    {
        if (columns.Count == 0)
        {
            throw new ImportException($"table {table.DisplayName} is not on the target: run 'dotnet yb-migrate schema import' first.");
        }

        var missing = table.Columns.Where(c => !columns.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            throw new ImportException($"table {table.DisplayName} on the target has no column {string.Join(", ", missing)} that the data files have.");
        }

        if (!started)
        {
            var name = SqlIdentifier.Qualify(table.Schema, table.Name);
            await using var rows = new NpgsqlCommand($"SELECT EXISTS (SELECT 1 FROM {name})", connection);
            if ((bool)(await rows.ExecuteScalarAsync(cancel))!)
            {
                throw new ImportException(
                    $"table {table.DisplayName} already has rows that no import batch accounts for: loading would duplicate them. Empty it (TRUNCATE {name}) or leave it out (--tables).");
            }
        }
    }

    private static bool Matches(TableData table, string name) =>
        name == table.DisplayName || name == table.Name;
}
