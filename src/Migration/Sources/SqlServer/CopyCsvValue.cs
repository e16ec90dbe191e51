using System;
using System.Data.SqlTypes;
using System.Globalization;

namespace YbMigrate.Migration.Sources.SqlServer;

/// <summary>
/// A CLR value as SqlClient returns it, written as the text PostgreSQL's COPY reads for the column
/// the schema export made of it (SqlServerTypeMap): bit as t/f, binary as bytea hex (\x...),
/// decimals exactly (SqlDecimal beyond System.Decimal's 28 digits too), floats as the shortest text
/// that reads back the same, dates ISO 8601 with the offset where there is one, uniqueidentifier in
/// its usual form. Null or DBNull is SQL NULL (null here); an empty string stays an empty string.
/// </summary>
public static class CopyCsvValue
{
    private const string Timestamp = "yyyy-MM-dd HH:mm:ss.FFFFFFF";

    /// <summary>The COPY text of <paramref name="value"/>, null for SQL NULL.</summary>
    /// <exception cref="FormatException">The value has no PostgreSQL form (a NUL character in text, a time outside a day).</exception>
    /// <exception cref="NotSupportedException">A CLR type the export does not know.</exception>
    public static string? Format(object? value) => value switch
    {
        null or DBNull => null,
        INullable { IsNull: true } => null,
        string text => Text(text),
        char c => Text(c.ToString()),
        bool b => b ? "t" : "f",
        byte or sbyte or short or ushort or int or uint or long or ulong => Convert.ToString(value, CultureInfo.InvariantCulture),
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        SqlDecimal d => d.ToString(),
        double d => Float(d),
        float f => Float(f),
        byte[] bytes => "\\x" + Convert.ToHexStringLower(bytes),
        Guid guid => guid.ToString("D"),
        DateTime dateTime => dateTime.TimeOfDay == TimeSpan.Zero
            ? dateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : dateTime.ToString(Timestamp, CultureInfo.InvariantCulture),
        DateTimeOffset offset => offset.ToString(Timestamp + "zzz", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly time => Time(time.ToTimeSpan()),
        TimeSpan time => Time(time),
        _ => throw new NotSupportedException($"values of type {value.GetType().FullName} cannot be exported yet"),
    };

    private static string Text(string text) =>
        text.Contains('\0') ? throw new FormatException("the text holds a NUL character (U+0000), which PostgreSQL text cannot store") : text;

    // PostgreSQL spells the special values Infinity, -Infinity and NaN; SQL Server has none, .NET's names differ.
    private static string Float(double value) => value switch
    {
        double.PositiveInfinity => "Infinity",
        double.NegativeInfinity => "-Infinity",
        double.NaN => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    private static string Float(float value) => float.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : Float((double)value);

    private static string Time(TimeSpan time)
    {
        if (time < TimeSpan.Zero || time >= TimeSpan.FromDays(1))
        {
            throw new FormatException($"{time} is not a time of day");
        }

        var text = time.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture);
        var fraction = time.Ticks % TimeSpan.TicksPerSecond;
        return fraction == 0 ? text : text + "." + fraction.ToString("D7", CultureInfo.InvariantCulture).TrimEnd('0');
    }
}
