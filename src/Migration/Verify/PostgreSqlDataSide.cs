using System.Collections.Generic;
using System.Linq;
using Npgsql;
using YbMigrate.Migration.Model;
using static YbMigrate.Migration.Sql.SqlIdentifier;

namespace YbMigrate.Migration.Verify;

/// <summary>A PostgreSQL or YugabyteDB side: the hashes in SQL (md5 of the row's record text).</summary>
public sealed class PostgreSqlDataSide : IDataSide
{
    // The session settings that make the text of a value the same on every server and session.
    private const string CanonicalSettings = "-c DateStyle=ISO -c IntervalStyle=postgres -c TimeZone=UTC -c extra_float_digits=1 -c bytea_output=hex";

    private readonly NpgsqlDataSource _dataSource;

    /// <summary>Opens a pool of connections with the canonical settings.</summary>
    public PostgreSqlDataSide(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Options = CanonicalSettings, CommandTimeout = 0 };
        _dataSource = NpgsqlDataSource.Create(builder);
    }

    /// <summary>The canonical row hash of <paramref name="table"/>'s columns: 32 hex digits.</summary>
    public static string RowHash(ComparedTable table) =>
        "md5(ROW(" + string.Join(", ", table.Columns.Select(Quote)) + ")::text)";

    /// <summary>The checksum query: rows and the sum of each row hash's first 56 bits.</summary>
    public static string ChecksumSql(ComparedTable table, KeyRange range) =>
        $"SELECT count(*), coalesce(sum(('x' || substr({RowHash(table)}, 1, 14))::bit(56)::bigint), 0) FROM {table.QualifiedName}{Where(table, range)}";

    /// <summary>The highest (or lowest) value of a sequence's column in the table's rows, null when it has none.</summary>
    public long? Extreme(OwnerColumn column, bool highest)
    {
        using var command = Command($"SELECT {(highest ? "max" : "min")}({Quote(column.Column)})::bigint FROM {Qualify(column.Schema, column.Table)}", KeyRange.All);
        return command.ExecuteScalar() is long value ? value : null;
    }

    /// <inheritdoc />
    public long Count(ComparedTable table)
    {
        using var command = Command($"SELECT count(*) FROM {table.QualifiedName}", KeyRange.All);
        return (long)command.ExecuteScalar()!;
    }

    /// <inheritdoc />
    public RangeChecksum Checksum(ComparedTable table, KeyRange range)
    {
        using var command = Command(ChecksumSql(table, range), range);
        using var reader = command.ExecuteReader();
        reader.Read();
        return new RangeChecksum(reader.GetInt64(0), reader.GetDecimal(1));
    }

    /// <inheritdoc />
    public IReadOnlyList<IReadOnlyList<string>> Boundaries(ComparedTable table, KeyRange range, int parts)
    {
        var key = string.Join(", ", table.Key.Select(Quote));
        var keyText = string.Join(", ", table.Key.Select(k => Quote(k) + "::text"));
        var sql = $"SELECT {keyText} FROM (SELECT {key}, row_number() OVER (ORDER BY {key}) AS yb_rn, count(*) OVER () AS yb_rows " +
                  $"FROM {table.QualifiedName}{Where(table, range)}) s WHERE yb_rn > 1 AND (yb_rn - 1) % greatest(yb_rows / {parts}, 1) = 0 ORDER BY yb_rn";
        using var command = Command(sql, range);
        using var reader = command.ExecuteReader();
        var keys = new List<IReadOnlyList<string>>();
        while (reader.Read())
        {
            keys.Add(Enumerable.Range(0, table.Key.Count).Select(reader.GetString).ToList());
        }

        return keys;
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> RowHashes(ComparedTable table, KeyRange range)
    {
        var keyText = string.Join(" || chr(31) || ", table.Key.Select(k => Quote(k) + "::text"));
        using var command = Command($"SELECT {keyText}, {RowHash(table)} FROM {table.QualifiedName}{Where(table, range)}", range);
        return IDataSide.ReadRowHashes(command);
    }

    /// <inheritdoc />
    public void Dispose() => _dataSource.Dispose();

    // " WHERE (k1, k2) >= ($1::t1, $2::t2) AND (k1, k2) < ($3::t1, $4::t2)": bounds as text parameters cast to the key's types.
    private static string Where(ComparedTable table, KeyRange range)
    {
        var conditions = new List<string>();
        var parameter = 1;
        string Bound(string op)
        {
            var values = table.KeyTypes.Select(type => $"${parameter++}::{type}");
            return $"({string.Join(", ", table.Key.Select(Quote))}) {op} ({string.Join(", ", values)})";
        }

        if (range.Lower is not null)
        {
            conditions.Add(Bound(">="));
        }

        if (range.Upper is not null)
        {
            conditions.Add(Bound("<"));
        }

        return conditions.Count == 0 ? "" : " WHERE " + string.Join(" AND ", conditions);
    }

    private NpgsqlCommand Command(string sql, KeyRange range)
    {
        var command = _dataSource.CreateCommand(sql);
        foreach (var value in (range.Lower ?? []).Concat(range.Upper ?? []))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }
}
