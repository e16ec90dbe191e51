using System;
using System.IO;
using System.Linq;
using System.IO.Hashing;
using Npgsql;
using YbMigrate.Migration.Data;
using YbMigrate.Migration.Data.Export;
using YbMigrate.Migration.Sources.PostgreSql;
using YbMigrate.Migration.Sql;

namespace YbMigrate.Migration.Tests.Data;

/// <summary>Runs exports against a test database and loads their files back with COPY, the way an import would.</summary>
internal static class ExportedData
{
    /// <summary>
    /// Exports with the readers on libpq (the default where it is installed, as on the test machines) or
    /// on Npgsql, tables cut by ctid page ranges (the default on PostgreSQL 14 and later) or by key ranges.
    /// </summary>
    public static DataExportResult RunExport(TestDatabase database, string outDir, int parallel = 2, long rowsPerFile = 1_000_000,
        string[]? tables = null, Action<ExportedFile>? fileDone = null, string? connectionString = null, bool libPq = true, bool byPages = true)
    {
        Assert.True(!libPq || LibPq.IsAvailable, "libpq (Debian's libpq5) is not installed: scripts/setup.sh installs it");
        using var source = new PostgreSqlSource(connectionString ?? database.ConnectionString) { PreferLibPq = libPq, ChunkByPages = byPages };
        return DataExporter.Export(source, new DataExportOptions
        {
            OutputDirectory = outDir,
            Parallel = parallel,
            RowsPerFile = rowsPerFile,
            Tables = tables ?? [],
        }, fileDone);
    }

    public static TableData Table(DataExportResult result, string schema, string name) =>
        result.Manifest.Tables.Single(t => t.Schema == schema && t.Name == name);

    /// <summary>Loads every file of <paramref name="table"/> into <paramref name="target"/> (a qualified, quoted name) with COPY FROM ... CSV.</summary>
    public static void Load(TestDatabase database, string outDir, TableData table, string target)
    {
        using var connection = new NpgsqlConnection(database.ConnectionString);
        connection.Open();
        foreach (var file in table.Files)
        {
            using var writer = connection.BeginTextImport(
                $"COPY {target} ({string.Join(", ", table.Columns.Select(SqlIdentifier.Quote))}) FROM STDIN (FORMAT csv)");
            writer.Write(File.ReadAllText(Path.Combine(DataManifest.DataDirectory(outDir), file.Path)));
        }
    }

    /// <summary>Rows (as row text, so NULL and '' differ and every type compares) in one query and not the other, duplicates counted.</summary>
    public static long Differences(TestDatabase database, string left, string right) => long.Parse(database.Rows(
        $"SELECT count(*) FROM ((SELECT x::text FROM ({left}) x EXCEPT ALL SELECT y::text FROM ({right}) y) " +
        $"UNION ALL (SELECT y::text FROM ({right}) y EXCEPT ALL SELECT x::text FROM ({left}) x)) d").Single());

    public static void AssertFilesMatchManifest(string outDir, TableData table)
    {
        foreach (var file in table.Files)
        {
            var bytes = File.ReadAllBytes(Path.Combine(DataManifest.DataDirectory(outDir), file.Path));
            Assert.Equal("xxh128:" + Convert.ToHexStringLower(XxHash128.Hash(bytes)), file.Checksum);
            Assert.Equal(bytes.Length, file.Bytes);
        }

        Assert.Equal(table.Files.Sum(f => f.Rows), table.RowCount);
        Assert.Equal(table.Files.Sum(f => f.Bytes), table.Bytes);
    }
}
