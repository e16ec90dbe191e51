using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.Data.SqlClient;
using static YbMigrate.Migration.Sources.SqlServer.SqlServerDataQueries;

namespace YbMigrate.Migration.Verify;

/// <summary>
/// A SQL Server source: each value formatted in T-SQL as PostgreSQL prints the mapped type, the row as
/// PostgreSQL's record text, hashed with HASHBYTES('MD5') over its UTF-8 bytes (SQL Server 2019 or later
/// for the UTF-8 collation) and folded as <see cref="PostgreSqlDataSide"/> folds. Floating-point values
/// are printed with 17 digits, PostgreSQL's shortest form may differ: such columns can show as changed.
/// Range bounds come as PostgreSQL text and are converted by SQL Server's implicit conversions.
/// </summary>
public sealed partial class SqlServerDataSide : IDataSide
{
    private readonly string _connectionString;

    /// <summary>Connects with <paramref name="connectionString"/> (a connection per query, pooled).</summary>
    public SqlServerDataSide(string connectionString) => _connectionString = connectionString;

    /// <summary>The T-SQL text of a value of PostgreSQL type <paramref name="type"/> as PostgreSQL prints it (NULL stays NULL).</summary>
    public static string Canonical(string column, string type)
    {
        var c = Quote(column);
        var numeric = Numeric().Match(type);
        return type switch
        {
            "smallint" or "integer" or "bigint" => $"CONVERT(nvarchar(20), {c})",
            "boolean" => $"CASE {c} WHEN 1 THEN N't' WHEN 0 THEN N'f' END",
            "uuid" => $"LOWER(CONVERT(nchar(36), {c}))",
            "date" => $"CONVERT(nchar(10), {c}, 23)",
            "bytea" => $"N'\\x' + LOWER(CONVERT(nvarchar(max), CONVERT(varbinary(max), {c}), 2))",
            "real" or "double precision" => $"CONVERT(nvarchar(30), {c}, 3)",
            _ when numeric.Success => $"CONVERT(nvarchar(50), CONVERT(decimal({numeric.Groups[1].Value}), {c}))",
            _ when type.StartsWith("timestamp", System.StringComparison.Ordinal) && type.EndsWith("with time zone", System.StringComparison.Ordinal) =>
                TrimFraction($"CONVERT(nvarchar(26), CONVERT(datetime2(6), SWITCHOFFSET({c}, '+00:00')), 121)", 19) + " + N'+00'",
            _ when type.StartsWith("timestamp", System.StringComparison.Ordinal) => TrimFraction($"CONVERT(nvarchar(26), CONVERT(datetime2(6), {c}), 121)", 19),
            _ when type.StartsWith("time", System.StringComparison.Ordinal) => TrimFraction($"CONVERT(nvarchar(15), CONVERT(time(6), {c}))", 8),
            _ => $"CONVERT(nvarchar(max), {c})",
        };
    }

    /// <summary>The row's PostgreSQL record text: values quoted as record_out quotes them, NULL as nothing.</summary>
    public static string RecordText(ComparedTable table) =>
        "N'(' + " + string.Join(" + N',' + ", table.Columns.Select((column, i) => Quoted(Canonical(column, table.ColumnTypes[i])))) + " + N')'";

    /// <summary>The row hash: MD5 of the record text's UTF-8 bytes.</summary>
    public static string RowHash(ComparedTable table) =>
        $"HASHBYTES('MD5', CONVERT(varchar(max), {RecordText(table)} COLLATE Latin1_General_100_CI_AS_SC_UTF8))";

    /// <summary>The checksum query: rows and the sum of each row hash's first 56 bits.</summary>
    public static string ChecksumSql(ComparedTable table, KeyRange range) =>
        $"SELECT COUNT_BIG(*), COALESCE(SUM(CONVERT(decimal(38, 0), CONVERT(bigint, SUBSTRING({RowHash(table)}, 1, 7)))), 0) FROM {Qualified(table)}{Where(table, range)};";

    /// <summary>Key values splitting a range into about equal parts.</summary>
    public static string BoundariesSql(ComparedTable table, KeyRange range, int parts)
    {
        var key = string.Join(", ", table.Key.Select(Quote));
        var keyText = string.Join(", ", table.Key.Select((k, i) => KeyCanonical(table, i)));
        return $"SELECT {keyText} FROM (SELECT {key}, ROW_NUMBER() OVER (ORDER BY {key}) AS yb_rn, COUNT(*) OVER () AS yb_rows " +
               $"FROM {Qualified(table)}{Where(table, range)}) s WHERE yb_rn > 1 AND (yb_rn - 1) % CASE WHEN yb_rows / {parts} > 1 THEN yb_rows / {parts} ELSE 1 END = 0 ORDER BY yb_rn;";
    }

    /// <summary>Each row's key text and hash in a range.</summary>
    public static string RowHashesSql(ComparedTable table, KeyRange range) =>
        $"SELECT {string.Join(" + NCHAR(31) + ", table.Key.Select((k, i) => KeyCanonical(table, i)))}, LOWER(CONVERT(varchar(32), {RowHash(table)}, 2)) FROM {Qualified(table)}{Where(table, range)};";

    /// <inheritdoc />
    public long Count(ComparedTable table) => (long)Scalar($"SELECT COUNT_BIG(*) FROM {Qualified(table)};")!;

    /// <inheritdoc />
    public RangeChecksum Checksum(ComparedTable table, KeyRange range)
    {
        using var connection = Open();
        using var command = Command(connection, ChecksumSql(table, range), range);
        using var reader = command.ExecuteReader();
        reader.Read();
        return new RangeChecksum(reader.GetInt64(0), reader.GetDecimal(1));
    }

    /// <inheritdoc />
    public IReadOnlyList<IReadOnlyList<string>> Boundaries(ComparedTable table, KeyRange range, int parts)
    {
        using var connection = Open();
        using var command = Command(connection, BoundariesSql(table, range, parts), range);
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
        using var connection = Open();
        using var command = Command(connection, RowHashesSql(table, range), range);
        return IDataSide.ReadRowHashes(command);
    }

    /// <inheritdoc />
    public void Dispose() => SqlConnection.ClearAllPools();

    private static string KeyCanonical(ComparedTable table, int keyIndex)
    {
        var column = table.Key[keyIndex];
        var index = table.Columns.ToList().IndexOf(column);
        return Canonical(column, index < 0 ? "text" : table.ColumnTypes[index]);
    }

    // As record_out: quoted when empty or holding a quote, backslash, parenthesis, comma or white space; quotes and backslashes doubled.
    private static string Quoted(string value) =>
        $"COALESCE(CASE WHEN {value} = N'' OR {value} LIKE N'%[\"\\(), ' + NCHAR(9) + NCHAR(10) + NCHAR(11) + NCHAR(12) + NCHAR(13) + N']%' " +
        $"THEN N'\"' + REPLACE(REPLACE({value}, N'\\', N'\\\\'), N'\"', N'\"\"') + N'\"' ELSE {value} END, N'')";

    // 'yyyy-mm-dd hh:mi:ss.ffffff' with the fraction's trailing zeros (and a bare point) removed, as PostgreSQL prints it.
    private static string TrimFraction(string text, int seconds) =>
        $"LEFT({text}, {seconds}) + COALESCE(N'.' + NULLIF(REPLACE(RTRIM(REPLACE(SUBSTRING({text}, {seconds + 2}, 6), N'0', N' ')), N' ', N'0'), N''), N'')";

    private static string Qualified(ComparedTable table) => Quote(table.Schema) + "." + Quote(table.Name);

    // T-SQL has no row comparison: (a, b) >= (x, y) written out as a > x OR (a = x AND b >= y).
    private static string Where(ComparedTable table, KeyRange range)
    {
        var conditions = new List<string>();
        var parameter = 0;
        string Bound(string last, string strict)
        {
            var names = table.Key.Select(_ => "@p" + parameter++).ToList();
            var terms = table.Key.Select((column, i) =>
                string.Concat(Enumerable.Range(0, i).Select(j => $"{Quote(table.Key[j])} = {names[j]} AND ")) + $"{Quote(column)} {(i == table.Key.Count - 1 ? last : strict)} {names[i]}");
            return "(" + string.Join(" OR ", terms.Select(t => "(" + t + ")")) + ")";
        }

        if (range.Lower is not null)
        {
            conditions.Add(Bound(">=", ">"));
        }

        if (range.Upper is not null)
        {
            conditions.Add(Bound("<", "<"));
        }

        return conditions.Count == 0 ? "" : " WHERE " + string.Join(" AND ", conditions);
    }

    private SqlConnection Open()
    {
        var connection = new SqlConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private object? Scalar(string sql)
    {
        using var connection = Open();
        using var command = Command(connection, sql, KeyRange.All);
        return command.ExecuteScalar();
    }

    private static SqlCommand Command(SqlConnection connection, string sql, KeyRange range)
    {
        var command = new SqlCommand(sql, connection) { CommandTimeout = 0 };
        var values = (range.Lower ?? []).Concat(range.Upper ?? []).ToList();
        for (var i = 0; i < values.Count; i++)
        {
            command.Parameters.Add(new SqlParameter("@p" + i, System.Data.SqlDbType.NVarChar, 4000) { Value = values[i] });
        }

        return command;
    }

    [GeneratedRegex(@"^numeric\((\d+,\s*\d+)\)$")]
    private static partial Regex Numeric();
}
