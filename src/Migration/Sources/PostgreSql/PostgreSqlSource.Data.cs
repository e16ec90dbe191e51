using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using Npgsql;
using YbMigrate.Migration.Data.Export;
using static YbMigrate.Migration.Sql.SqlIdentifier;

namespace YbMigrate.Migration.Sources.PostgreSql;

/// <summary>
/// The data side of a PostgreSQL source: this connection holds a REPEATABLE READ transaction whose
/// snapshot (pg_export_snapshot) every reader imports, so all files show the database at one moment
/// whatever the readers' order; it plans the chunks inside that snapshot too.
/// </summary>
public sealed partial class PostgreSqlSource : ITableDataSource
{
    private static readonly string[] IntegerTypes = ["smallint", "integer", "bigint"];

    private string? _snapshot;

    /// <inheritdoc />
    public string ServerVersion => "PostgreSQL " + _connection.PostgreSqlVersion;

    /// <inheritdoc />
    /// <remarks>A server on this machine has its cores; the cores of a remote one are not known: 2.</remarks>
    public int DefaultParallelism => new NpgsqlConnectionStringBuilder(_connectionString).Host is "127.0.0.1" or "localhost" or "::1" or ['/', ..]
        ? Environment.ProcessorCount
        : 2;

    /// <inheritdoc />
    public ConsistentRead BeginConsistentRead()
    {
        // The exporting transaction must outlive the readers' imports: no idle timeout may end it.
        Execute("SET idle_in_transaction_session_timeout = 0");
        Execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
        _snapshot = Query("SELECT pg_catalog.pg_export_snapshot()", r => r.GetString(0)).Single();
        return new ConsistentRead(_snapshot, []);
    }

    /// <inheritdoc />
    public IReadOnlyList<ExportTable> ReadTables()
    {
        var columns = Query(
            "SELECT a.attrelid, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), a.attgenerated <> '' " +
            "FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid " +
            "WHERE c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attrelid, a.attnum",
            r => (Table: r.GetFieldValue<uint>(0), Column: new ExportColumn(r.GetString(1), r.GetString(2)), Generated: r.GetBoolean(3)))
            .ToLookup(c => c.Table);
        var keys = Query(
            "SELECT i.indrelid, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod) " +
            "FROM pg_catalog.pg_index i CROSS JOIN LATERAL pg_catalog.unnest(i.indkey::pg_catalog.int2[]) WITH ORDINALITY AS k(attnum, position) " +
            "JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum " +
            "WHERE i.indisprimary ORDER BY i.indrelid, k.position",
            r => (Table: r.GetFieldValue<uint>(0), Column: new ExportColumn(r.GetString(1), r.GetString(2))))
            .ToLookup(k => k.Table, k => k.Column);

        // Generated columns are left out: COPY cannot load them, the target computes them.
        return Query(
            "SELECT c.oid, n.nspname, c.relname, pn.nspname || '.' || pc.relname, " +
            "ARRAY(SELECT an.nspname || '.' || ac.relname FROM pg_catalog.pg_partition_ancestors(c.oid) AS pa " +
            "  JOIN pg_catalog.pg_class ac ON ac.oid = pa.relid JOIN pg_catalog.pg_namespace an ON an.oid = ac.relnamespace WHERE pa.relid <> c.oid), " +
            "CASE WHEN c.reltuples >= 0 THEN c.reltuples::bigint END " +
            "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace " +
            "LEFT JOIN pg_catalog.pg_inherits i ON i.inhrelid = c.oid AND c.relispartition " +
            "LEFT JOIN pg_catalog.pg_class pc ON pc.oid = i.inhparent LEFT JOIN pg_catalog.pg_namespace pn ON pn.oid = pc.relnamespace " +
            "WHERE c.relkind = 'r' AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema' AND " + NotInExtension("pg_class", "c.oid") +
            " ORDER BY 2, 3",
            r =>
            {
                var oid = r.GetFieldValue<uint>(0);
                return new ExportTable(r.GetString(1), r.GetString(2),
                    columns[oid].Where(c => !c.Generated).Select(c => c.Column).ToList(), keys[oid].ToList())
                {
                    PartitionOf = Nullable(r, 3),
                    PartitionAncestors = r.GetFieldValue<string[]>(4),
                    RowEstimate = r.IsDBNull(5) ? null : r.GetInt64(5),
                };
            });
    }

    /// <summary>
    /// Whether tables are cut by ctid page ranges on servers that scan them (PostgreSQL 14 and later);
    /// tests turn it off to cut by key ranges, as on older servers.
    /// </summary>
    internal bool ChunkByPages { get; set; } = true;

    /// <inheritdoc />
    /// <remarks>
    /// From PostgreSQL 14 on, by ctid page ranges, read in page order (a sequential scan filtering by
    /// ctid, or a TID range scan: <see cref="PostgreSqlTableReader.ScanSetting"/>), where a key range
    /// is an index range scan, visiting the heap in key order. Under the
    /// shared snapshot each visible row has exactly one ctid; a row updated during the export gets a
    /// new version elsewhere that the snapshot does not see, and the last range is open-ended, so a
    /// table that grew is still read whole. Older servers would read the whole table for each page
    /// range, so there a single integer key is cut by value between its min and max, and any other
    /// key (text, uuid, several columns) at every n-th key in key order; a table without a key by
    /// page ranges all the same. The row count is the planner's estimate, counted when there is none.
    /// </remarks>
    public IReadOnlyList<ExportChunk> PlanChunks(ExportTable table, long rowsPerFile, int readers)
    {
        var from = "ONLY " + Qualify(table.Schema, table.Name);
        var rows = table.RowEstimate ?? Query($"SELECT count(*) FROM {from}", r => r.GetInt64(0)).Single();
        var chunks = KeyRanges.ChunkCount(rows, rowsPerFile, readers);
        if (chunks == 1)
        {
            return KeyRanges.Chunks(table, [], rows);
        }

        if (table.PrimaryKey.Count == 0 || (ChunkByPages && _connection.PostgreSqlVersion.Major >= 14))
        {
            return KeyRanges.Chunks(table, KeyRanges.Conditions(["ctid"], PageBoundaries(table, chunks), KeyComparison.RowConstructor), rows);
        }

        var key = table.PrimaryKey.Select(c => Quote(c.Name)).ToList();
        return KeyRanges.Chunks(table, KeyRanges.Conditions(key, KeyBoundaries(table, key, from, rows, chunks), KeyComparison.RowConstructor), rows);
    }

    // The first tuple of every n-th page: the relation's size now, not the snapshot's, which only
    // matters for the sizes of the ranges (the last one is open-ended).
    private List<IReadOnlyList<string>> PageBoundaries(ExportTable table, int chunks)
    {
        var pages = Query($"SELECT pg_catalog.pg_relation_size({Literal(Qualify(table.Schema, table.Name))}::pg_catalog.regclass) / " +
            "pg_catalog.current_setting('block_size')::bigint", r => r.GetInt64(0)).Single();
        return KeyRanges.IntegerBoundaries(0, pages - 1, chunks).Select(p => (IReadOnlyList<string>)[$"'({p},0)'::pg_catalog.tid"]).ToList();
    }

    private IReadOnlyList<IReadOnlyList<string>> KeyBoundaries(ExportTable table, List<string> key, string from, long rows, int chunks)
    {
        if (table.PrimaryKey.Count == 1 && IntegerTypes.Contains(table.PrimaryKey[0].SourceType))
        {
            return IntegerKeyBoundaries(from, key[0], chunks);
        }

        return Query(
            $"SELECT {string.Join(", ", key.Select(k => k + "::text"))} FROM (SELECT {string.Join(", ", key)}, " +
            $"row_number() OVER (ORDER BY {string.Join(", ", key)}) AS n FROM {from}) AS s WHERE (n - 1) % {(rows + chunks - 1) / chunks} = 0 AND n > 1 ORDER BY n",
            r => (IReadOnlyList<string>)table.PrimaryKey.Select((c, i) => Literal(r.GetString(i)) + "::" + c.SourceType).ToList());
    }

    private List<IReadOnlyList<string>> IntegerKeyBoundaries(string from, string key, int chunks)
    {
        var (min, max) = Query($"SELECT min({key})::text, max({key})::text FROM {from}", r => (Nullable(r, 0), Nullable(r, 1))).Single();
        return min is null || max is null
            ? []
            : KeyRanges.IntegerBoundaries(BigInteger.Parse(min), BigInteger.Parse(max), chunks).Select(b => (IReadOnlyList<string>)[b.ToString()]).ToList();
    }

    /// <summary>Whether readers use libpq when it can be loaded (true); tests turn it off to read through Npgsql.</summary>
    internal bool PreferLibPq { get; set; } = true;

    /// <inheritdoc />
    /// <remarks>
    /// libpq when it is there (psql's cost per row), else Npgsql. When libpq cannot connect where
    /// Npgsql did (a setting only Npgsql knows), this and later readers use Npgsql.
    /// </remarks>
    public ITableDataReader OpenReader()
    {
        var snapshot = _snapshot ?? throw new InvalidOperationException("BeginConsistentRead was not called");
        if (PreferLibPq && LibPq.IsAvailable)
        {
            try
            {
                return new LibPqTableReader(_connectionString, snapshot);
            }
            catch (LibPqException)
            {
                PreferLibPq = false;
            }
        }

        return new PostgreSqlTableReader(_connectionString, snapshot);
    }
}
