using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using Microsoft.Data.SqlClient;
using YbMigrate.Migration.Data.Export;

namespace YbMigrate.Migration.Sources.SqlServer;

/// <summary>
/// The data side of a SQL Server source: tables from the catalog queries, chunks planned with
/// <see cref="SqlServerDataQueries"/>, readers in SNAPSHOT transactions when the database allows them.
/// Not run against a server here: the queries and the value formatting are tested on their own.
/// </summary>
public sealed partial class SqlServerSource : ITableDataSource
{
    private bool _snapshot;

    /// <inheritdoc />
    public string ServerVersion => "SQL Server " + Scalar(SqlServerCatalogQueries.ServerVersion.Sql);

    /// <inheritdoc />
    public int DefaultParallelism => 2;

    /// <inheritdoc />
    public ConsistentRead BeginConsistentRead()
    {
        var (snapshot, warning) = SqlServerDataQueries.SnapshotDecision(Scalar(SqlServerDataQueries.SnapshotIsolationState));
        _snapshot = snapshot;
        return new ConsistentRead(null, [warning]);
    }

    /// <inheritdoc />
    public IReadOnlyList<ExportTable> ReadTables() => SqlServerDataQueries.ReadTables(this);

    /// <inheritdoc />
    public IReadOnlyList<ExportChunk> PlanChunks(ExportTable table, long rowsPerFile, int readers)
    {
        var rows = table.RowEstimate ?? Convert.ToInt64(Scalar(SqlServerDataQueries.Count(table)));
        var chunks = KeyRanges.ChunkCount(rows, rowsPerFile, readers);
        if (chunks == 1 || table.PrimaryKey.Count == 0)
        {
            return KeyRanges.Chunks(table, [], rows);
        }

        var key = table.PrimaryKey.Select(c => SqlServerDataQueries.Quote(c.Name)).ToList();
        var boundaries = SqlServerDataQueries.HasIntegerKey(table)
            ? IntegerKeyBoundaries(table, chunks)
            : Rows(SqlServerDataQueries.Boundaries(table, (rows + chunks - 1) / chunks),
                r => (IReadOnlyList<string>)Enumerable.Range(0, key.Count).Select(i => SqlServerDataQueries.Literal(r.GetValue(i))).ToList());
        return KeyRanges.Chunks(table, KeyRanges.Conditions(key, boundaries, KeyComparison.Expanded), rows);
    }

    private List<IReadOnlyList<string>> IntegerKeyBoundaries(ExportTable table, int chunks)
    {
        var (min, max) = Rows(SqlServerDataQueries.MinMax(table), r => (r.GetValue(0), r.GetValue(1))).Single();
        return min is DBNull || max is DBNull
            ? []
            : KeyRanges.IntegerBoundaries(Convert.ToInt64(min), Convert.ToInt64(max), chunks).Select(b => (IReadOnlyList<string>)[b.ToString()]).ToList();
    }

    /// <inheritdoc />
    public ITableDataReader OpenReader() => new SqlServerTableReader(_connectionString, _snapshot);

    private object? Scalar(string sql)
    {
        using var command = new SqlCommand(sql, _connection) { CommandTimeout = 0 };
        return command.ExecuteScalar();
    }

    private List<T> Rows<T>(string sql, Func<SqlDataReader, T> read)
    {
        using var command = new SqlCommand(sql, _connection) { CommandTimeout = 0 };
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
