using System.Collections.Generic;
using System.Linq;

namespace YbMigrate.Migration.Data.Export;

/// <summary>A column as the source names and types it: PostgreSQL's format_type, or the SQL Server type name.</summary>
public sealed record ExportColumn(string Name, string SourceType);

/// <summary>
/// A table (or leaf partition) whose rows the export writes: the columns COPY can load (stored
/// generated columns left out) and the primary key the rows are split by.
/// </summary>
public sealed class ExportTable
{
    /// <summary>Creates a table.</summary>
    public ExportTable(string schema, string name, IReadOnlyList<ExportColumn> columns, IReadOnlyList<ExportColumn> primaryKey)
    {
        Schema = schema;
        Name = name;
        Columns = columns;
        PrimaryKey = primaryKey;
    }

    /// <summary>Schema.</summary>
    public string Schema { get; }

    /// <summary>Name.</summary>
    public string Name { get; }

    /// <summary>The columns exported, in file order.</summary>
    public IReadOnlyList<ExportColumn> Columns { get; }

    /// <summary>The primary key's columns in key order, empty without one.</summary>
    public IReadOnlyList<ExportColumn> PrimaryKey { get; }

    /// <summary>The partitioned table this partition belongs to, "schema.name" unquoted; null for a plain table.</summary>
    public string? PartitionOf { get; init; }

    /// <summary>Every partitioned table above this partition, "schema.name" (a --tables filter naming one selects its partitions).</summary>
    public IReadOnlyList<string> PartitionAncestors { get; init; } = [];

    /// <summary>The source's row estimate (reltuples, sys.partitions), null when unknown.</summary>
    public long? RowEstimate { get; init; }

    /// <summary>"schema.name", unquoted: how messages, the manifest and --tables name the table.</summary>
    public string DisplayName => Schema + "." + Name;

    /// <summary>The manifest entry of this table, without its files.</summary>
    internal TableData ToManifest() => new()
    {
        Schema = Schema,
        Name = Name,
        PartitionOf = PartitionOf,
        Columns = Columns.Select(c => c.Name).ToList(),
        PrimaryKey = PrimaryKey.Select(c => c.Name).ToList(),
    };
}

/// <summary>
/// One file's worth of a table: the whole table (<see cref="Condition"/> null) or one range of its
/// keys or of its pages. <see cref="Index"/> is 1-based among the table's <see cref="Count"/> chunks, in range order.
/// </summary>
public sealed record ExportChunk(ExportTable Table, int Index, int Count, string? Condition, long EstimatedRows)
{
    /// <summary>"table public.orders chunk 2/5 (id &gt;= 100 AND id &lt; 200)", for messages.</summary>
    public string Description => Count == 1
        ? $"table {Table.DisplayName}"
        : $"table {Table.DisplayName} chunk {Index}/{Count} ({Condition})";
}
