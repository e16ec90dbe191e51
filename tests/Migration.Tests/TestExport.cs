using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Hashing;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Npgsql;
using YbMigrate.Migration.Data;

namespace YbMigrate.Migration.Tests;

/// <summary>
/// What `export` will write, made by the tests themselves: each table copied out with
/// COPY ... TO STDOUT (FORMAT csv) into DIR/data, split into files of at most <c>rowsPerFile</c> rows
/// in key order, and the manifest. Shared by the migration and the command-line tests.
/// </summary>
public static class TestExport
{
    public static DataManifest Export(string connectionString, string directory, int rowsPerFile, params string[] tables)
    {
        var manifest = new DataManifest { SourceKind = "postgresql", Source = "test", StartedAt = DateTimeOffset.UtcNow };
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        var dataDirectory = Directory.CreateDirectory(DataManifest.DataDirectory(directory)).FullName;
        foreach (var qualified in tables)
        {
            var (schema, name) = (qualified[..qualified.IndexOf('.')], qualified[(qualified.IndexOf('.') + 1)..]);
            var sqlName = Quote(schema) + "." + Quote(name);
            var columns = Strings(connection, $"SELECT attname FROM pg_attribute WHERE attrelid = '{sqlName}'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum");
            var key = Strings(connection, $"SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey) WHERE i.indrelid = '{sqlName}'::regclass AND i.indisprimary");
            var order = key.Count > 0 ? key : columns;
            var rows = Count(connection, $"SELECT count(*) FROM {sqlName}");
            var table = new TableData { Schema = schema, Name = name, Columns = columns, PrimaryKey = key, RowCount = rows };
            for (long offset = 0, part = 1; offset < rows || offset == 0; offset += rowsPerFile, part++)
            {
                var file = $"{schema}.{name}.{part}.csv";
                var path = Path.Combine(dataDirectory, file);
                using (var reader = connection.BeginTextExport(
                    $"COPY (SELECT {string.Join(", ", columns.Select(Quote))} FROM {sqlName} ORDER BY {string.Join(", ", order.Select(Quote))} LIMIT {rowsPerFile} OFFSET {offset}) TO STDOUT WITH (FORMAT csv)"))
                {
                    File.WriteAllText(path, reader.ReadToEnd(), new UTF8Encoding(false));
                }

                table.Files.Add(Describe(path, file, Math.Min(rowsPerFile, rows - offset)));
                if (rows == 0)
                {
                    break;
                }
            }

            table.Bytes = table.Files.Sum(f => f.Bytes);
            manifest.Tables.Add(table);
        }

        manifest.FinishedAt = DateTimeOffset.UtcNow;
        manifest.Write(directory);
        return manifest;
    }

    /// <summary>A table of one file (DIR/data/schema.name.csv at <paramref name="path"/>) with the manifest's totals from that file.</summary>
    public static TableData OneFileTable(string path, string schema, string name, List<string> columns, long rows)
    {
        var file = Describe(path, Path.GetFileName(path), rows);
        return new TableData { Schema = schema, Name = name, Columns = columns, RowCount = rows, Bytes = file.Bytes, Files = { file } };
    }

    /// <summary>A file's manifest entry from its bytes.</summary>
    public static DataFile Describe(string path, string relativePath, long rows)
    {
        var bytes = File.ReadAllBytes(path);
        return new DataFile { Path = relativePath, Rows = rows, Bytes = bytes.Length, Checksum = "xxh128:" + Convert.ToHexStringLower(XxHash128.Hash(bytes)) };
    }

    /// <summary>
    /// Rewrites DIR/data/manifest.json as the previous version wrote it (format 1): each file's
    /// SHA-256 as bare hex in "sha256", no "checksum".
    /// </summary>
    public static void DowngradeToFormat1(string directory)
    {
        var path = Path.Combine(DataManifest.DataDirectory(directory), DataManifest.FileName);
        var manifest = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        manifest["format"] = 1;
        foreach (var file in manifest["tables"]!.AsArray().SelectMany(t => t!["files"]!.AsArray()).Select(f => f!.AsObject()))
        {
            var bytes = File.ReadAllBytes(Path.Combine(DataManifest.DataDirectory(directory), (string)file["path"]!));
            file.Remove("checksum");
            file["sha256"] = Convert.ToHexStringLower(SHA256.HashData(bytes));
        }

        File.WriteAllText(path, manifest.ToJsonString());
    }

    /// <summary>Row count and a digest of every row's text in key order: equal on both sides means equal content.</summary>
    public static (long Rows, string Digest) Digest(string connectionString, string table, string orderBy)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand($"SELECT count(*), coalesce(md5(string_agg(md5(t::text), '' ORDER BY {orderBy})), '') FROM {table} t", connection);
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetString(1));
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";

    private static List<string> Strings(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private static long Count(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        return (long)command.ExecuteScalar()!;
    }
}
