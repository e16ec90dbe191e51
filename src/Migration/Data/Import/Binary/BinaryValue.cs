using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace YbMigrate.Migration.Data.Import.Binary;

/// <summary>The column types the binary COPY fast path converts on the client.</summary>
internal enum BinaryType
{
    Int2,
    Int4,
    Int8,
    Bool,
    Text,
    Numeric,
    Timestamp,
    TimestampTz,
    Date,
    Time,
    Uuid,
    Bytea,
    Json,
    Jsonb,
}

/// <summary>
/// Converts one CSV value (its text, unquoted) to PostgreSQL's binary form of its column's type: the
/// value the server's text input function would have made of it, or a refusal. Only the plain forms
/// PostgreSQL itself writes are taken (ISO dates, no exponents, t/f); anything else is refused, and
/// its batch goes as CSV, where the server's input function reads it or reports it as before. Type
/// modifiers (numeric scale, varchar length, timestamp precision) are applied by the server's receive
/// functions exactly as by its input functions, so they are not looked at here.
/// </summary>
internal static class BinaryValue
{
    private const long MicrosPerSecond = 1_000_000;
    private const long SecondsPerDay = 86_400;

    // Days from 0001-01-01 to PostgreSQL's epoch, 2000-01-01.
    private static readonly int EpochDayNumber = new DateOnly(2000, 1, 1).DayNumber;

    /// <summary>Base types (pg_catalog names, after domains) and their converters; any other type makes its table use CSV.</summary>
    public static IReadOnlyDictionary<string, BinaryType> Types { get; } = new Dictionary<string, BinaryType>(StringComparer.Ordinal)
    {
        ["int2"] = BinaryType.Int2,
        ["int4"] = BinaryType.Int4,
        ["int8"] = BinaryType.Int8,
        ["bool"] = BinaryType.Bool,
        ["text"] = BinaryType.Text,
        ["varchar"] = BinaryType.Text,
        ["bpchar"] = BinaryType.Text,
        ["numeric"] = BinaryType.Numeric,
        ["timestamp"] = BinaryType.Timestamp,
        ["timestamptz"] = BinaryType.TimestampTz,
        ["date"] = BinaryType.Date,
        ["time"] = BinaryType.Time,
        ["uuid"] = BinaryType.Uuid,
        ["bytea"] = BinaryType.Bytea,
        ["json"] = BinaryType.Json,
        ["jsonb"] = BinaryType.Jsonb,
    };

    /// <summary>Writes the binary form of <paramref name="text"/>; false when it is not a form taken here (what was written is then to be dropped).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryWrite(BinaryType type, ReadOnlySpan<byte> text, BinaryBuffer output)
    {
        switch (type)
        {
            case BinaryType.Text or BinaryType.Json:
                // textrecv/json_recv convert from the client encoding and check the value as textin/json_in do.
                output.Write(text);
                return true;
            case BinaryType.Jsonb:
                output.WriteByte(1); // jsonb's binary format version
                output.Write(text);
                return true;
            case BinaryType.Int2:
                return TryInteger(text, 5, out var int2) && int2 is >= short.MinValue and <= short.MaxValue && Put(output, (short)int2);
            case BinaryType.Int4:
                return TryInteger(text, 10, out var int4) && int4 is >= int.MinValue and <= int.MaxValue && Put(output, (int)int4);
            case BinaryType.Int8:
                return TryInteger(text, 19, out var int8) && Put(output, int8);
            case BinaryType.Bool:
                return text.Length == 1 && (text[0] == 't' || text[0] == 'f') && PutByte(output, text[0] == 't' ? (byte)1 : (byte)0);
            case BinaryType.Numeric:
                return BinaryNumeric.TryWrite(text, output);
            case BinaryType.Timestamp:
                return TryTimestamp(text, withOffset: false, out var timestamp) && Put(output, timestamp);
            case BinaryType.TimestampTz:
                return TryTimestamp(text, withOffset: true, out var instant) && Put(output, instant);
            case BinaryType.Date:
                return TryDate(text, out var date) && Put(output, date);
            case BinaryType.Time:
                return TryTime(text, out var time, out var timeLength) && timeLength == text.Length && Put(output, time);
            case BinaryType.Uuid:
                return TryUuid(text, output);
            case BinaryType.Bytea:
                return TryHexBytea(text, output);
            default:
                return false;
        }
    }

    // Optional sign and at most maxDigits digits (leading zeros count: a longer form is refused, not misread).
    private static bool TryInteger(ReadOnlySpan<byte> text, int maxDigits, out long value)
    {
        value = 0;
        var negative = text.Length > 0 && text[0] == '-';
        var digits = text.Length > 0 && (text[0] == '-' || text[0] == '+') ? text[1..] : text;
        if (digits.Length == 0 || digits.Length > maxDigits)
        {
            return false;
        }

        ulong magnitude = 0;
        foreach (var b in digits)
        {
            var digit = (uint)(b - '0');
            if (digit > 9)
            {
                return false;
            }

            magnitude = magnitude * 10 + digit;
        }

        if (magnitude > (negative ? 1UL << 63 : long.MaxValue))
        {
            return false;
        }

        value = negative ? (long)(0 - magnitude) : (long)magnitude;
        return true;
    }

    // ISO "YYYY-MM-DD HH:MM:SS[.ffffff]", and for timestamptz an offset "+HH[:MM[:SS]]" (required: without
    // one the value would depend on the session's TimeZone). Microseconds from 2000-01-01 (UTC for timestamptz).
    private static bool TryTimestamp(ReadOnlySpan<byte> text, bool withOffset, out long micros)
    {
        micros = 0;
        if (text.Length < 19 || text[10] != ' ' || !TryDate(text[..10], out var days) || !TryTime(text[11..], out var time, out var timeLength))
        {
            return false;
        }

        var rest = text[(11 + timeLength)..];
        long offsetSeconds = 0;
        if (withOffset ? !TryOffset(rest, out offsetSeconds) : rest.Length != 0)
        {
            return false;
        }

        micros = days * SecondsPerDay * MicrosPerSecond + time - offsetSeconds * MicrosPerSecond;
        return true;
    }

    // "YYYY-MM-DD", years 1 to 9999 (BC and longer years are refused); days from 2000-01-01.
    private static bool TryDate(ReadOnlySpan<byte> text, out int days)
    {
        days = 0;
        if (text.Length != 10 || text[4] != '-' || text[7] != '-'
            || !TryDigits(text[..4], out var year) || !TryDigits(text.Slice(5, 2), out var month) || !TryDigits(text.Slice(8, 2), out var day)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        days = new DateOnly(year, month, day).DayNumber - EpochDayNumber;
        return true;
    }

    // "HH:MM:SS[.f{1,6}]" at the start of text (hours below 24, no leap second): microseconds of the day and the length read.
    private static bool TryTime(ReadOnlySpan<byte> text, out long micros, out int length)
    {
        micros = 0;
        length = 8;
        if (text.Length < 8 || text[2] != ':' || text[5] != ':'
            || !TryDigits(text[..2], out var hours) || !TryDigits(text.Slice(3, 2), out var minutes) || !TryDigits(text.Slice(6, 2), out var seconds)
            || hours > 23 || minutes > 59 || seconds > 59)
        {
            return false;
        }

        long fraction = 0;
        if (text.Length > 8 && text[8] == '.')
        {
            var digits = 0;
            while (9 + digits < text.Length && (uint)(text[9 + digits] - '0') <= 9)
            {
                digits++;
            }

            // More than microseconds would be rounded by the server: refused rather than rounded here.
            if (digits is 0 or > 6 || !TryDigits(text.Slice(9, digits), out var value))
            {
                return false;
            }

            fraction = value;
            for (var i = digits; i < 6; i++)
            {
                fraction *= 10;
            }

            length = 9 + digits;
        }

        micros = ((hours * 60L + minutes) * 60 + seconds) * MicrosPerSecond + fraction;
        return true;
    }

    // "+HH", "+HH:MM" or "+HH:MM:SS" (or "-"), as PostgreSQL writes offsets; seconds east of UTC.
    private static bool TryOffset(ReadOnlySpan<byte> text, out long seconds)
    {
        seconds = 0;
        if (text.Length is not (3 or 6 or 9) || (text[0] != '+' && text[0] != '-') || !TryDigits(text.Slice(1, 2), out var hours) || hours > 15)
        {
            return false;
        }

        int minutes = 0, secs = 0;
        if (text.Length >= 6 && (text[3] != ':' || !TryDigits(text.Slice(4, 2), out minutes) || minutes > 59))
        {
            return false;
        }

        if (text.Length == 9 && (text[6] != ':' || !TryDigits(text.Slice(7, 2), out secs) || secs > 59))
        {
            return false;
        }

        seconds = (hours * 3600L + minutes * 60 + secs) * (text[0] == '-' ? -1 : 1);
        return true;
    }

    // The canonical form uuid_out writes: 8-4-4-4-12 hex digits (either case).
    private static bool TryUuid(ReadOnlySpan<byte> text, BinaryBuffer output)
    {
        if (text.Length != 36 || text[8] != '-' || text[13] != '-' || text[18] != '-' || text[23] != '-')
        {
            return false;
        }

        var bytes = output.Take(16);
        var at = 0;
        for (var i = 0; i < 16; i++)
        {
            if (at is 8 or 13 or 18 or 23)
            {
                at++;
            }

            if (!TryHexByte(text[at], text[at + 1], out bytes[i]))
            {
                return false;
            }

            at += 2;
        }

        return true;
    }

    // bytea_output = hex: "\x" and pairs of hex digits (the escape form and whitespace are refused).
    private static bool TryHexBytea(ReadOnlySpan<byte> text, BinaryBuffer output)
    {
        if (text.Length < 2 || text[0] != '\\' || text[1] != 'x' || text.Length % 2 != 0)
        {
            return false;
        }

        var hex = text[2..];
        var bytes = output.Take(hex.Length / 2);
        for (var i = 0; i < bytes.Length; i++)
        {
            if (!TryHexByte(hex[2 * i], hex[2 * i + 1], out bytes[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryHexByte(byte high, byte low, out byte value)
    {
        var h = HexDigit(high);
        var l = HexDigit(low);
        value = (byte)(h << 4 | l);
        return (h | l) >= 0;
    }

    private static int HexDigit(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };

    // Decimal digits only (a few: they fit an int).
    private static bool TryDigits(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        foreach (var b in text)
        {
            var digit = (uint)(b - '0');
            if (digit > 9)
            {
                return false;
            }

            value = value * 10 + (int)digit;
        }

        return text.Length > 0;
    }

    private static bool Put(BinaryBuffer output, short value)
    {
        output.WriteInt16(value);
        return true;
    }

    private static bool Put(BinaryBuffer output, int value)
    {
        output.WriteInt32(value);
        return true;
    }

    private static bool Put(BinaryBuffer output, long value)
    {
        output.WriteInt64(value);
        return true;
    }

    private static bool PutByte(BinaryBuffer output, byte value)
    {
        output.WriteByte(value);
        return true;
    }
}
