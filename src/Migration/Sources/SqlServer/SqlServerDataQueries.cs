using System;
using System.Collections.Generic;
using System.Data.SqlTypes;
using System.Globalization;
using System.Linq;
using YbMigrate.Migration.Data.Export;

namespace YbMigrate.Migration.Sources.SqlServer;

/// <summary>
/// The T-SQL of the data export: the tables' row counts, the snapshot isolation check, the key
/// boundaries a table is cut at and each chunk's SELECT. Names are bracket-quoted as written.
/// </summary>
public static class SqlServerDataQueries
{
    /// <summary>Rows per table from the heap or clustered index of each partition (the catalog's count, no scan).</summary>
    public static readonly CatalogQuery RowCounts = new("row_counts", """
        SELECT p.object_id AS [object_id], SUM(p.rows) AS [row_count]
        FROM sys.partitions AS p
        WHERE p.index_id IN (0, 1)
        GROUP BY p.object_id;
        """,
        [Col.ObjectId, RowCount]);

    /// <summary>Whether this database allows SNAPSHOT transactions (1 = ON).</summary>
    public const string SnapshotIsolationState = "SELECT snapshot_isolation_state FROM sys.databases WHERE name = DB_NAME();";

    /// <summary>The result column of <see cref="RowCounts"/>.</summary>
    public const string RowCount = "row_count";

    private static readonly string[] IntegerTypes = ["tinyint", "smallint", "int", "bigint"];

    /// <summary>A name in brackets, ] doubled.</summary>
    public static string Quote(string name) => "[" + name.Replace("]", "]]") + "]";

    /// <summary>[schema].[name].</summary>
    public static string Qualify(ExportTable table) => Quote(table.Schema) + "." + Quote(table.Name);

    /// <summary>Whether the table's key is one integer column, cut by value.</summary>
    public static bool HasIntegerKey(ExportTable table) =>
        table.PrimaryKey.Count == 1 && IntegerTypes.Contains(table.PrimaryKey[0].SourceType, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Whether the readers use SNAPSHOT transactions, from sys.databases.snapshot_isolation_state;
    /// otherwise they read committed data as it changes, and the warning says so and what to do.
    /// </summary>
    public static (bool Snapshot, string Warning) SnapshotDecision(object? state) =>
        Convert.ToInt32(state ?? 0, CultureInfo.InvariantCulture) == 1
            ? (true, "SQL Server snapshots cannot be shared between connections: each reader reads its own snapshot, taken at its first read; " +
                "with --parallel 1 the whole export is one snapshot.")
            : (false, "snapshot isolation is off in the source database: rows changed during the export may be missed or read twice. " +
                "Export from a database nobody writes to, or run ALTER DATABASE CURRENT SET ALLOW_SNAPSHOT_ISOLATION ON first.");

    /// <summary>Counts the rows when the catalog has no count.</summary>
    public static string Count(ExportTable table) => $"SELECT COUNT_BIG(*) FROM {Qualify(table)};";

    /// <summary>The smallest and largest value of an integer key.</summary>
    public static string MinMax(ExportTable table)
    {
        var key = Quote(table.PrimaryKey[0].Name);
        return $"SELECT MIN({key}), MAX({key}) FROM {Qualify(table)};";
    }

    /// <summary>Every <paramref name="step"/>-th key in key order after the first: the starts of the chunks after the first.</summary>
    public static string Boundaries(ExportTable table, long step)
    {
        var key = string.Join(", ", table.PrimaryKey.Select(c => Quote(c.Name)));
        return $"SELECT {key} FROM (SELECT {key}, ROW_NUMBER() OVER (ORDER BY {key}) AS [n] FROM {Qualify(table)}) AS [k] " +
            $"WHERE ([n] - 1) % {step} = 0 AND [n] > 1 ORDER BY [n];";
    }

    /// <summary>
    /// The SELECT of a chunk. Columns whose values SqlClient cannot hand over as plain values are
    /// converted to the text the schema export's type map promises: spatial types as WKT,
    /// hierarchyid as its path, sql_variant as text.
    /// </summary>
    public static string Select(ExportChunk chunk)
    {
        var columns = string.Join(", ", chunk.Table.Columns.Select(c => ColumnExpression(c) is { } expression ? $"{expression} AS {Quote(c.Name)}" : Quote(c.Name)));
        var where = chunk.Condition is null ? "" : " WHERE " + chunk.Condition;
        return $"SELECT {columns} FROM {Qualify(chunk.Table)}{where};";
    }

    private static string? ColumnExpression(ExportColumn column) => column.SourceType.ToLowerInvariant() switch
    {
        "geography" or "geometry" => $"{Quote(column.Name)}.STAsText()",
        "hierarchyid" => $"{Quote(column.Name)}.ToString()",
        "sql_variant" => $"CONVERT(nvarchar(max), {Quote(column.Name)})",
        _ => null,
    };

    /// <summary>A key value read from the server as a T-SQL literal of the same type, for a chunk's condition.</summary>
    public static string Literal(object value) => value switch
    {
        string text => "N'" + text.Replace("'", "''") + "'",
        bool b => b ? "1" : "0",
        byte or short or int or long => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        decimal or SqlDecimal => CopyCsvValue.Format(value)!,
        double or float => $"CONVERT(float, '{CopyCsvValue.Format(value)}')",
        byte[] bytes => "0x" + Convert.ToHexString(bytes),
        Guid guid => $"CONVERT(uniqueidentifier, '{guid:D}')",
        DateTime dateTime => $"CONVERT(datetime2(7), '{dateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffff", CultureInfo.InvariantCulture)}', 126)",
        DateTimeOffset offset => $"CONVERT(datetimeoffset(7), '{offset.ToString("yyyy-MM-ddTHH:mm:ss.fffffffzzz", CultureInfo.InvariantCulture)}', 127)",
        TimeSpan time => $"CONVERT(time(7), '{CopyCsvValue.Format(time)}')",
        _ => throw new NotSupportedException($"a key of type {value.GetType().FullName} cannot be split into ranges"),
    };

    /// <summary>The tables of the catalog as the export reads them: every column (computed ones are plain columns on the target) and the primary key.</summary>
    public static IReadOnlyList<ExportTable> ReadTables(ISqlServerCatalog catalog)
    {
        IEnumerable<CatalogRow> Rows(CatalogQuery query) => catalog.Run(query).Select(r => new CatalogRow(query, r));

        var counts = Rows(RowCounts).ToDictionary(r => r.Long(Col.ObjectId), r => r.Long(RowCount));
        var columns = Rows(SqlServerCatalogQueries.Columns)
            .ToLookup(r => r.Long(Col.ObjectId), r => new ExportColumn(r.String(Col.ColumnName), r.String(Col.TypeName)));
        var keys = Rows(SqlServerCatalogQueries.KeyConstraints).Where(r => r.String(Col.ConstraintType) == "PK")
            .ToLookup(r => r.Long(Col.ObjectId), r => r.String(Col.ColumnName));
        return Rows(SqlServerCatalogQueries.Tables).Select(r =>
        {
            var id = r.Long(Col.ObjectId);
            var tableColumns = columns[id].ToList();
            return new ExportTable(r.String(Col.SchemaName), r.String(Col.TableName), tableColumns,
                keys[id].Select(k => tableColumns.First(c => c.Name == k)).ToList())
            {
                RowEstimate = counts.TryGetValue(id, out var count) ? count : null,
            };
        }).ToList();
    }
}
