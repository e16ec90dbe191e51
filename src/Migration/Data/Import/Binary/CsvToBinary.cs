using System;
using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace YbMigrate.Migration.Data.Import.Binary;

/// <summary>What became of the bytes given to <see cref="CsvToBinary.Convert"/>.</summary>
internal enum ConvertOutcome
{
    /// <summary>Every whole record was converted; a record cut off at the end waits for more bytes.</summary>
    Converted,

    /// <summary>A value or record is not in a form taken here: the batch must go as CSV.</summary>
    Refused,
}

/// <summary>
/// Turns PostgreSQL COPY CSV records into binary COPY tuples for a table whose every column has a
/// converter. Only the CSV PostgreSQL writes is taken: an unquoted empty field is NULL, a quoted one
/// (the empty string too) is text with doubled quotes, records end with a newline. Anything the
/// server's CSV reader would read some other way (a quote inside an unquoted field, a carriage
/// return, a wrong number of fields, the end-of-data marker) is refused. The hot methods are compiled
/// fully optimized at once: a load's first seconds would otherwise run them unoptimized.
/// </summary>
internal sealed class CsvToBinary
{
    /// <summary>The binary COPY header: signature, flags, header extension length.</summary>
    private static ReadOnlySpan<byte> Header => [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 0];

    private static readonly SearchValues<byte> UnquotedStops = SearchValues.Create(",\n\"\r"u8);

    private readonly BinaryType[] _columns;
    private byte[] _unescaped = new byte[256];

    public CsvToBinary(BinaryType[] columns) => _columns = columns;

    /// <summary>Starts a COPY's data.</summary>
    public static void WriteHeader(BinaryBuffer output) => output.Write(Header);

    /// <summary>Ends a COPY's data.</summary>
    public static void WriteTrailer(BinaryBuffer output) => output.WriteInt16(-1);

    /// <summary>
    /// Converts the whole records at the start of <paramref name="csv"/>; <paramref name="consumed"/>
    /// says how many bytes they took. With <paramref name="final"/> the bytes end the batch, so the last
    /// record needs no newline and nothing may be left over.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ConvertOutcome Convert(ReadOnlySpan<byte> csv, bool final, BinaryBuffer output, out int consumed)
    {
        consumed = 0;
        while (consumed < csv.Length)
        {
            var rowStart = output.Length;
            var record = Record(csv[consumed..], final, output);
            if (record == 0)
            {
                output.Truncate(rowStart);
                return ConvertOutcome.Converted;
            }

            if (record < 0)
            {
                output.Truncate(rowStart);
                return ConvertOutcome.Refused;
            }

            consumed += record;
        }

        return ConvertOutcome.Converted;
    }

    // One record as a tuple: its length in bytes with its newline, 0 when it is cut off (more bytes
    // needed), -1 when it is refused.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Record(ReadOnlySpan<byte> csv, bool final, BinaryBuffer output)
    {
        if (csv.StartsWith(@"\."u8))
        {
            return -1; // perhaps COPY's end-of-data marker, a line of its own
        }

        output.WriteInt16((short)_columns.Length);
        var at = 0;
        for (var column = 0; column < _columns.Length; column++)
        {
            var scan = Field(csv[at..], final, out var length, out var value, out var quoted);
            if (scan != FieldScan.Whole)
            {
                return scan == FieldScan.CutOff ? 0 : -1;
            }

            at += length;
            var last = column == _columns.Length - 1;
            // Past the end only when the bytes are final: the last record may lack its newline.
            if (at < csv.Length ? csv[at] != (last ? (byte)'\n' : (byte)',') : !last)
            {
                return -1; // a wrong number of fields
            }

            at++;
            if (!quoted && value.IsEmpty)
            {
                output.WriteInt32(-1); // NULL
                continue;
            }

            output.WriteInt32(0);
            var valueStart = output.Length;
            if (!BinaryValue.TryWrite(_columns[column], value, output))
            {
                return -1;
            }

            output.WriteLengthBefore(valueStart);
        }

        return Math.Min(at, csv.Length);
    }

    // The field at the start of csv, up to (not including) the comma or newline after it: its length,
    // and its value with the quotes undone.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private FieldScan Field(ReadOnlySpan<byte> csv, bool final, out int length, out ReadOnlySpan<byte> value, out bool quoted)
    {
        value = default;
        length = 0;
        quoted = csv.Length > 0 && csv[0] == '"';
        if (!quoted)
        {
            var stop = csv.IndexOfAny(UnquotedStops);
            if (stop >= 0 && csv[stop] is (byte)'"' or (byte)'\r')
            {
                return FieldScan.Refused;
            }

            if (stop < 0 && !final)
            {
                return FieldScan.CutOff;
            }

            length = stop < 0 ? csv.Length : stop;
            value = csv[..length];
            return FieldScan.Whole;
        }

        var unescaped = 0;
        var quotes = new QuoteFinder(csv);
        for (var at = 1; ;)
        {
            var quote = quotes.Next(at);
            if (quote < 0)
            {
                return final ? FieldScan.Refused : FieldScan.CutOff; // a quote never closed, or closed in bytes not read yet
            }

            var chunkStart = at;
            at = quote + 1;
            if (at == csv.Length && !final)
            {
                return FieldScan.CutOff; // a doubled quote or the closing one: the next byte says
            }

            if (at < csv.Length && csv[at] == '"')
            {
                // A doubled quote: the chunk and one quote of the value.
                Append(ref unescaped, csv[chunkStart..at]);
                at++;
                continue;
            }

            var chunk = csv[chunkStart..quote];
            if (unescaped == 0)
            {
                value = chunk;
            }
            else
            {
                Append(ref unescaped, chunk);
                value = _unescaped.AsSpan(0, unescaped);
            }

            length = at;
            return FieldScan.Whole;
        }
    }

    // Adds bytes to the value being unquoted.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Append(ref int length, ReadOnlySpan<byte> bytes)
    {
        if (length + bytes.Length > _unescaped.Length)
        {
            Array.Resize(ref _unescaped, Math.Max(_unescaped.Length * 2, length + bytes.Length));
        }

        bytes.CopyTo(_unescaped.AsSpan(length));
        length += bytes.Length;
    }

    // The quotes of a quoted field, found 64 bytes at a time: one vector compare per 64 bytes instead
    // of a search per quote (a JSON value doubles each of its many quotes).
    private ref struct QuoteFinder
    {
        private readonly ReadOnlySpan<byte> _csv;
        private int _start = -CsvBlock.Size; // of the 64 bytes whose quotes _quotes holds
        private ulong _quotes;

        public QuoteFinder(ReadOnlySpan<byte> csv) => _csv = csv;

        // The first quote at or after `from`, or -1 when there is none before the end.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int Next(int from)
        {
            while (from < _csv.Length)
            {
                if ((uint)(from - _start) >= CsvBlock.Size)
                {
                    Load(from);
                }

                var after = _quotes >> (from - _start);
                if (after != 0)
                {
                    return from + BitOperations.TrailingZeroCount(after);
                }

                from = _start + CsvBlock.Size;
            }

            return -1;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void Load(int start)
        {
            _start = start;
            _quotes = _csv.Length - start >= CsvBlock.Size ? CsvBlock.Matches(_csv.Slice(start, CsvBlock.Size), (byte)'"') : LastQuotes(_csv[start..]);
        }

        // The quotes of the last bytes, padded with zeros (no quotes).
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static ulong LastQuotes(ReadOnlySpan<byte> last)
        {
            Span<byte> padded = stackalloc byte[CsvBlock.Size];
            padded.Clear();
            last.CopyTo(padded);
            return CsvBlock.Matches(padded, (byte)'"');
        }
    }

    private enum FieldScan
    {
        Whole,
        CutOff,
        Refused,
    }
}
