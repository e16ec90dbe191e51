using System;
using System.Collections.Generic;
using System.Data;
using System.Globalization;
using System.Linq;

namespace YbMigrate.Migration.Sources.SqlServer;

/// <summary>The result rows of one catalog query, read by column name; NULL reads as null.</summary>
public interface ICatalogRows
{
    /// <summary>Moves to the next row.</summary>
    bool Read();

    /// <summary>The current row's value of <paramref name="column"/>, null for NULL.</summary>
    object? this[string column] { get; }
}

/// <summary>Runs catalog queries: a live SQL Server, or rows recorded earlier.</summary>
public interface ISqlServerCatalog
{
    /// <summary>The rows <paramref name="query"/> returns.</summary>
    IReadOnlyList<IReadOnlyDictionary<string, object?>> Run(CatalogQuery query);
}

/// <summary>Rows recorded as data (tests, or a catalog dumped elsewhere), keyed by <see cref="CatalogQuery.Name"/>.</summary>
public sealed class RecordedCatalog : ISqlServerCatalog
{
    private readonly IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyDictionary<string, object?>>> _rows;

    /// <summary>Recorded rows per query name; a query without an entry returns no rows.</summary>
    public RecordedCatalog(IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyDictionary<string, object?>>> rows) => _rows = rows;

    /// <inheritdoc />
    public IReadOnlyList<IReadOnlyDictionary<string, object?>> Run(CatalogQuery query) =>
        _rows.TryGetValue(query.Name, out var rows) ? rows : Array.Empty<IReadOnlyDictionary<string, object?>>();
}

/// <summary>Copies the rows of a data reader (e.g. a SqlDataReader) into dictionaries keyed by column name.</summary>
public sealed class DataReaderRows : ICatalogRows
{
    private readonly IDataReader _reader;
    private readonly Dictionary<string, int> _ordinals;

    /// <summary>Wraps <paramref name="reader"/>.</summary>
    public DataReaderRows(IDataReader reader)
    {
        _reader = reader;
        _ordinals = Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, StringComparer.OrdinalIgnoreCase);
    }

    /// <inheritdoc />
    public bool Read() => _reader.Read();

    /// <inheritdoc />
    public object? this[string column] => _reader.IsDBNull(_ordinals[column]) ? null : _reader.GetValue(_ordinals[column]);

    /// <summary>Every row, each with exactly the columns of <paramref name="query"/>.</summary>
    public static List<IReadOnlyDictionary<string, object?>> ReadAll(ICatalogRows rows, CatalogQuery query)
    {
        var all = new List<IReadOnlyDictionary<string, object?>>();
        while (rows.Read())
        {
            all.Add(query.Columns.ToDictionary(c => c, c => rows[c]));
        }

        return all;
    }
}

/// <summary>
/// One row as the reader sees it: only the columns its query declares can be read, so a column the
/// reader needs and the query does not select fails every test run on recorded rows.
/// </summary>
public readonly struct CatalogRow
{
    private readonly IReadOnlyDictionary<string, object?> _values;
    private readonly CatalogQuery _query;

    /// <summary>A row of <paramref name="query"/>.</summary>
    public CatalogRow(CatalogQuery query, IReadOnlyDictionary<string, object?> values) => (_query, _values) = (query, values);

    private object? Value(string column)
    {
        if (!_query.Columns.Contains(column))
        {
            throw new InvalidOperationException($"catalog query {_query.Name} does not select {column}");
        }

        if (!_values.TryGetValue(column, out var value))
        {
            throw new InvalidOperationException($"a row of catalog query {_query.Name} has no {column}");
        }

        return value is DBNull ? null : value;
    }

    /// <summary>A non-null string.</summary>
    public string String(string column) => NullableString(column) ?? throw new InvalidOperationException($"{_query.Name}.{column} is NULL");

    /// <summary>A string or null.</summary>
    public string? NullableString(string column) => Value(column) is { } v ? Convert.ToString(v, CultureInfo.InvariantCulture) : null;

    /// <summary>An integer (any integral or decimal column).</summary>
    public long Long(string column) => NullableLong(column) ?? throw new InvalidOperationException($"{_query.Name}.{column} is NULL");

    /// <summary>An integer or null.</summary>
    public long? NullableLong(string column) => Value(column) is { } v ? Convert.ToInt64(v, CultureInfo.InvariantCulture) : null;

    /// <summary>A bit column (also 0/1 integers).</summary>
    public bool Bool(string column) => Value(column) switch
    {
        null => false,
        bool b => b,
        var v => Convert.ToInt64(v, CultureInfo.InvariantCulture) != 0,
    };
}
