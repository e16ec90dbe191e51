using System;
using System.Data.Common;
using System.IO;
using System.Threading;
using CsvHelper;

namespace YbMigrate.Migration.Sources.SqlServer;

/// <summary>
/// Writes the rows of a data reader as PostgreSQL COPY CSV through CsvHelper: each value through
/// <see cref="CopyCsvValue"/>, NULL as an unquoted empty field, an empty string as "", a field that
/// is exactly \. quoted (unquoted, COPY would read it as the end of the data), records ended by LF.
/// </summary>
public static class SqlServerCsvWriter
{
    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
    {
        NewLine = "\n",
        Injection = CsvInjection.None,
        ValidateFieldCount = false,
    };

    /// <summary>Writes every row of <paramref name="reader"/>; returns how many.</summary>
    public static long Write(DbDataReader reader, Stream destination, CancellationToken cancellation)
    {
        var rows = 0L;
        using (var csv = CsvWriter.Create(destination, Options, leaveOpen: true))
        {
            while (reader.Read())
            {
                if ((rows & 0x3FF) == 0)
                {
                    cancellation.ThrowIfCancellationRequested();
                }

                rows++;
                if (reader.FieldCount == 1 && reader.IsDBNull(0))
                {
                    // CsvHelper writes a record of one empty field as "" (an empty string to COPY);
                    // COPY writes a one-column NULL as an empty line, so that is written here.
                    csv.Flush();
                    destination.WriteByte((byte)'\n');
                    continue;
                }

                for (var i = 0; i < reader.FieldCount; i++)
                {
                    WriteField(csv, reader, i, rows);
                }

                csv.EndRecord();
            }
        }

        return rows;
    }

    private static void WriteField(CsvWriter csv, DbDataReader reader, int ordinal, long row)
    {
        string? text;
        try
        {
            // decimal(38, s) can exceed System.Decimal: SqlClient's SqlDecimal keeps every digit.
            text = CopyCsvValue.Format(reader.GetFieldType(ordinal) == typeof(decimal) ? reader.GetProviderSpecificValue(ordinal) : reader.GetValue(ordinal));
        }
        catch (Exception ex) when (ex is FormatException or NotSupportedException or OverflowException)
        {
            throw new InvalidDataException($"column {reader.GetName(ordinal)}, row {row} of the chunk: {ex.Message}", ex);
        }

        csv.WriteField(text, text is "" or "\\." ? CsvQuoting.Always : CsvQuoting.WhenNeeded);
    }
}
