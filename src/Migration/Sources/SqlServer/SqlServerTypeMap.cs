using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace YbMigrate.Migration.Sources.SqlServer;

/// <summary>One row of the SQL Server to PostgreSQL type table.</summary>
/// <param name="SqlServerType">The SQL Server type name as sys.types prints it.</param>
/// <param name="Decision">The PostgreSQL type written, in words when it depends on length/precision.</param>
/// <param name="Lossy">Whether values or behaviour can be lost: every column of such a type gets a report entry.</param>
/// <param name="Note">What the report says about it.</param>
public sealed record TypeMapping(string SqlServerType, string Decision, bool Lossy, string Note);

/// <summary>A column type mapped: the PostgreSQL type and, when lossy, why.</summary>
public sealed record MappedType(string Type, bool Lossy, string? Note);

/// <summary>
/// The documented mapping of SQL Server column types to PostgreSQL's (README "SQL Server sources"
/// prints <see cref="Entries"/>). Lengths come from sys.columns: max_length in bytes (-1 for max,
/// n-types use two bytes a character), precision and scale.
/// </summary>
public static class SqlServerTypeMap
{
    // PostgreSQL keeps at most microseconds; SQL Server up to 100 ns (scale 7).
    private const int MaxFractionalDigits = 6;

    private const string RowVersionNote = "rowversion: values are copied, but the column is created nullable and never set by the server " +
        "(no auto-update); optimistic concurrency on it must move to a trigger or xmin";

    /// <summary>Whether the type is SQL Server's server-filled row version (named timestamp in sys.types).</summary>
    public static bool IsRowVersion(string typeName) =>
        typeName.Equals("timestamp", StringComparison.OrdinalIgnoreCase) || typeName.Equals("rowversion", StringComparison.OrdinalIgnoreCase);

    /// <summary>Every SQL Server type the exporter knows, with its decision.</summary>
    public static IReadOnlyList<TypeMapping> Entries { get; } =
    [
        new("bigint", "bigint", false, "same range"),
        new("int", "integer", false, "same range"),
        new("smallint", "smallint", false, "same range"),
        new("tinyint", "smallint", false, "0..255 fits; no unsigned byte type in PostgreSQL"),
        new("bit", "boolean", false, "0/1 become false/true"),
        new("decimal", "numeric(p,s)", false, "precision and scale kept"),
        new("numeric", "numeric(p,s)", false, "precision and scale kept"),
        new("money", "numeric(19,4)", false, "same range and scale, no currency type semantics"),
        new("smallmoney", "numeric(10,4)", false, "same range and scale"),
        new("float", "double precision (float(1..24): real)", false, "same IEEE formats"),
        new("real", "real", false, "same IEEE format"),
        new("char", "char(n)", false, "length kept"),
        new("nchar", "char(n)", false, "length kept; PostgreSQL text is Unicode (UTF-8 database)"),
        new("varchar", "varchar(n); varchar(max): text", false, "length kept"),
        new("nvarchar", "varchar(n); nvarchar(max): text", false, "length kept; PostgreSQL text is Unicode (UTF-8 database)"),
        new("text", "text", false, "deprecated large text"),
        new("ntext", "text", false, "deprecated large text"),
        new("date", "date", false, "same range from year 1"),
        new("time", "time(p)", false, "precision kept up to 6 digits; time(7) rounds 100 ns to microseconds (reported)"),
        new("datetime", "timestamp(3)", false, "1/300 s precision fits in milliseconds"),
        new("datetime2", "timestamp(p)", false, "precision kept up to 6 digits; datetime2(7), the default, rounds 100 ns to microseconds (reported)"),
        new("smalldatetime", "timestamp(0)", false, "minute precision fits"),
        new("datetimeoffset", "timestamptz(p)", true, "the instant is kept, the source's UTC offset is not (stored as UTC)"),
        new("uniqueidentifier", "uuid", false, "same 16 bytes"),
        new("binary", "bytea", false, "fixed length not enforced"),
        new("varbinary", "bytea", false, "length not enforced"),
        new("image", "bytea", false, "deprecated large binary"),
        new("timestamp", "bytea", true, RowVersionNote),
        new("rowversion", "bytea", true, RowVersionNote),
        new("hierarchyid", "text", true, "hierarchy methods (GetAncestor, IsDescendantOf...) are lost; load ToString() paths, consider ltree"),
        new("sql_variant", "text", true, "the base type of each value is lost; values are loaded as text"),
        new("xml", "text", true, "YugabyteDB has no xml type: documents are kept as text, XML methods and XML indexes are lost"),
        new("geography", "text", true, "loaded as WKT (STAsText); spatial methods and indexes are lost unless PostGIS is used"),
        new("geometry", "text", true, "loaded as WKT (STAsText); spatial methods and indexes are lost unless PostGIS is used"),
        new("sysname", "varchar(128)", false, "alias of nvarchar(128)"),
    ];

    private static readonly Dictionary<string, TypeMapping> ByName = Entries.ToDictionary(e => e.SqlServerType, StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether the type is in the table.</summary>
    public static bool IsKnown(string sqlServerType) => ByName.ContainsKey(sqlServerType);

    /// <summary>Maps a column's type; an unknown type (CLR or table type) becomes text, reported as lossy.</summary>
    public static MappedType Map(string typeName, int maxLength, int precision, int scale)
    {
        if (!ByName.TryGetValue(typeName, out var entry))
        {
            return new MappedType("text", true, $"unknown SQL Server type {typeName}: mapped to text");
        }

        var name = entry.SqlServerType;
        switch (name)
        {
            case "bigint": return Plain("bigint");
            case "int": return Plain("integer");
            case "smallint":
            case "tinyint": return Plain("smallint");
            case "bit": return Plain("boolean");
            case "decimal":
            case "numeric": return Plain(Invariant($"numeric({precision},{scale})"));
            case "money": return Plain("numeric(19,4)");
            case "smallmoney": return Plain("numeric(10,4)");
            case "float": return Plain(precision is > 0 and <= 24 || maxLength == 4 ? "real" : "double precision");
            case "real": return Plain("real");
            case "char": return Plain(Invariant($"char({maxLength})"));
            case "nchar": return Plain(Invariant($"char({maxLength / 2})"));
            case "varchar": return Plain(maxLength == -1 ? "text" : Invariant($"varchar({maxLength})"));
            case "nvarchar": return Plain(maxLength == -1 ? "text" : Invariant($"varchar({maxLength / 2})"));
            case "sysname": return Plain("varchar(128)");
            case "text":
            case "ntext": return Plain("text");
            case "date": return Plain("date");
            case "time": return Fractional("time", scale, name);
            case "datetime": return Plain("timestamp(3)");
            case "datetime2": return Fractional("timestamp", scale, name);
            case "smalldatetime": return Plain("timestamp(0)");
            case "datetimeoffset":
                return new MappedType(Invariant($"timestamptz({Math.Min(scale, MaxFractionalDigits)})"), true, entry.Note);
            case "uniqueidentifier": return Plain("uuid");
            case "binary":
            case "varbinary":
            case "image": return Plain("bytea");
            default: return new MappedType(entry.Decision, entry.Lossy, entry.Lossy ? entry.Note : null);
        }
    }

    private static MappedType Plain(string type) => new(type, false, null);

    private static MappedType Fractional(string pgType, int scale, string sourceType) =>
        scale > MaxFractionalDigits
            ? new MappedType(Invariant($"{pgType}({MaxFractionalDigits})"), true, $"{sourceType}({scale}) rounds to microseconds")
            : Plain(Invariant($"{pgType}({scale})"));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
