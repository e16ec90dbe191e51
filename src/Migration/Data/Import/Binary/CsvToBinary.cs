using System;
using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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

        // The value is copied out as it is scanned: a doubled quote costs one byte written, not a
        // search and a copy of its own (a jsonb value holds many).
        var written = 0;
        var doubled = false;
        for (var at = 1; ;)
        {
            var run = CopyToQuote(csv, at, ref written);
            if (run < 0)
            {
                return final ? FieldScan.Refused : FieldScan.CutOff; // a quote never closed, or closed in bytes not read yet
            }

            at += run + 1;
            if (at == csv.Length && !final)
            {
                return FieldScan.CutOff; // a doubled quote or the closing one: the next byte says
            }

            if (at < csv.Length && csv[at] == '"')
            {
                EnsureRoom(written, 1);
                _unescaped[written++] = (byte)'"';
                doubled = true;
                at++;
                continue;
            }

            value = doubled ? _unescaped.AsSpan(0, written) : csv.Slice(1, written);
            length = at;
            return FieldScan.Whole;
        }
    }

    // Copies csv from `from` up to the next quote to the value being unquoted: the count of bytes
    // before that quote, -1 when there is none. Where 32 bytes remain they are stored whole and only
    // those before the first quote kept, so a short run costs one load, store and mask.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int CopyToQuote(ReadOnlySpan<byte> csv, int from, ref int written)
    {
        var at = from;
        if (Vector256.IsHardwareAccelerated)
        {
            var quotes = Vector256.Create((byte)'"');
            ref var source = ref MemoryMarshal.GetReference(csv);
            while (at + Vector256<byte>.Count <= csv.Length)
            {
                EnsureRoom(written, Vector256<byte>.Count);
                var bytes = Vector256.LoadUnsafe(ref source, (nuint)at);
                bytes.StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(_unescaped), (nuint)written);
                var mask = Vector256.Equals(bytes, quotes).ExtractMostSignificantBits();
                if (mask != 0)
                {
                    var before = BitOperations.TrailingZeroCount(mask);
                    written += before;
                    return at + before - from;
                }

                at += Vector256<byte>.Count;
                written += Vector256<byte>.Count;
            }
        }

        var rest = csv[at..];
        var quote = rest.IndexOf((byte)'"');
        if (quote < 0)
        {
            return -1;
        }

        EnsureRoom(written, quote);
        rest[..quote].CopyTo(_unescaped.AsSpan(written));
        written += quote;
        return at + quote - from;
    }

    // Makes room for more bytes of the value being unquoted.
    private void EnsureRoom(int written, int more)
    {
        if (written + more > _unescaped.Length)
        {
            Array.Resize(ref _unescaped, Math.Max(_unescaped.Length * 2, written + more));
        }
    }

    private enum FieldScan
    {
        Whole,
        CutOff,
        Refused,
    }
}
