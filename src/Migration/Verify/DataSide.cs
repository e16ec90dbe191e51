using System;
using System.Collections.Generic;
using System.Data.Common;

namespace YbMigrate.Migration.Verify;

/// <summary>A table as compared: its columns in a fixed order (the source's, those both sides have) and its key columns.</summary>
/// <param name="Schema">Schema.</param>
/// <param name="Name">Table name.</param>
/// <param name="Columns">Columns hashed, in the source's order.</param>
/// <param name="ColumnTypes">Their PostgreSQL types (a SQL Server source's after the mapping): how a SQL Server side formats them.</param>
/// <param name="Key">Primary-key columns (empty: no primary key).</param>
/// <param name="KeyTypes">The key columns' PostgreSQL types, to cast range bounds read as text.</param>
public sealed record ComparedTable(string Schema, string Name, IReadOnlyList<string> Columns, IReadOnlyList<string> ColumnTypes, IReadOnlyList<string> Key, IReadOnlyList<string> KeyTypes)
{
    /// <summary>The quoted, qualified name.</summary>
    public string QualifiedName => Sql.SqlIdentifier.Qualify(Schema, Name);
}

/// <summary>
/// A key range: from <paramref name="Lower"/> (inclusive) to <paramref name="Upper"/> (exclusive), each
/// the key columns' values as PostgreSQL text; null: unbounded.
/// </summary>
public sealed record KeyRange(IReadOnlyList<string>? Lower, IReadOnlyList<string>? Upper)
{
    /// <summary>The whole table.</summary>
    public static KeyRange All { get; } = new(null, null);
}

/// <summary>Rows and the order-independent sum of their hashes in a range.</summary>
public readonly record struct RangeChecksum(long Rows, decimal HashSum);

/// <summary>
/// One side of the data comparison. Every hash is of the row's canonical text (the PostgreSQL record
/// text of the columns in <see cref="ComparedTable.Columns"/> order, with ISO dates, UTC times, shortest
/// exact floats and hex bytea) and computed on the server: only sums, boundaries and, for small
/// ranges, keys with their hashes come to the client.
/// </summary>
public interface IDataSide : IDisposable
{
    /// <summary>Rows in the table.</summary>
    long Count(ComparedTable table);

    /// <summary>Rows and hash sum of <paramref name="range"/>.</summary>
    RangeChecksum Checksum(ComparedTable table, KeyRange range);

    /// <summary>Up to <paramref name="parts"/> - 1 keys splitting <paramref name="range"/> into parts of about equal rows, in key order.</summary>
    IReadOnlyList<IReadOnlyList<string>> Boundaries(ComparedTable table, KeyRange range, int parts);

    /// <summary>Each row of <paramref name="range"/>: its key (as text, joined by <see cref="KeySeparator"/>) and its hash.</summary>
    IReadOnlyDictionary<string, string> RowHashes(ComparedTable table, KeyRange range);

    /// <summary>Joins a key's values in <see cref="RowHashes"/>.</summary>
    public const string KeySeparator = "\u001f";

    /// <summary>Reads <see cref="RowHashes"/>' result: rows of (joined key, hash).</summary>
    protected static IReadOnlyDictionary<string, string> ReadRowHashes(DbCommand command)
    {
        using var reader = command.ExecuteReader();
        var rows = new Dictionary<string, string>();
        while (reader.Read())
        {
            rows[reader.GetString(0)] = reader.GetString(1);
        }

        return rows;
    }
}
