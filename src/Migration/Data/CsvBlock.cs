using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace YbMigrate.Migration.Data;

/// <summary>
/// Record boundaries in PostgreSQL COPY CSV bytes, 64 bytes at a time. The quote and newline bytes of
/// a block become two bit masks (one vector compare each); a running XOR of the quote mask marks the
/// bytes inside quoted fields (a doubled quote inside a field closes and reopens it, which comes to
/// the same), and a newline outside them ends a record. No value is decoded.
/// </summary>
internal static class CsvBlock
{
    /// <summary>Bytes handled at once: one bit each in a <see cref="ulong"/>.</summary>
    public const int Size = 64;

    private const byte Quote = (byte)'"';
    private const byte Newline = (byte)'\n';

    /// <summary>
    /// Scans one block: <paramref name="recordEnds"/> has a bit for each newline that ends a record,
    /// <paramref name="newlines"/> one for every newline (a quoted field's too: they count as file lines).
    /// <paramref name="insideQuotes"/> carries the quoting state from one block to the next: all ones
    /// when the block ended inside a quoted field.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Scan(ReadOnlySpan<byte> block, ref ulong insideQuotes, out ulong recordEnds, out ulong newlines)
    {
        var quotes = Matches(block, Quote);
        newlines = Matches(block, Newline);
        var inside = PrefixXor(quotes) ^ insideQuotes;
        insideQuotes = (ulong)((long)inside >> 63);
        recordEnds = newlines & ~inside;
    }

    /// <summary>A bit for each byte of the 64-byte <paramref name="block"/> that is <paramref name="value"/> (bit 0 for the first byte).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Matches(ReadOnlySpan<byte> block, byte value)
    {
        ref var start = ref MemoryMarshal.GetReference(block);
        if (Vector512.IsHardwareAccelerated)
        {
            return Vector512.Equals(Vector512.LoadUnsafe(ref start), Vector512.Create(value)).ExtractMostSignificantBits();
        }

        if (Vector256.IsHardwareAccelerated)
        {
            return Vector256.Equals(Vector256.LoadUnsafe(ref start), Vector256.Create(value)).ExtractMostSignificantBits()
                | (ulong)Vector256.Equals(Vector256.LoadUnsafe(ref start, 32), Vector256.Create(value)).ExtractMostSignificantBits() << 32;
        }

        ulong bits = 0;
        for (nuint part = 0; part < 4; part++)
        {
            bits |= (ulong)Vector128.Equals(Vector128.LoadUnsafe(ref start, part * 16), Vector128.Create(value)).ExtractMostSignificantBits() << (int)(part * 16);
        }

        return bits;
    }

    // The bits at and below bit.
    private static ulong Through(int bit) => bit == 63 ? ulong.MaxValue : (1UL << (bit + 1)) - 1;

    /// <summary>How many of <paramref name="mask"/>'s bits are at or below <paramref name="bit"/>.</summary>
    public static int CountThrough(ulong mask, int bit) => BitOperations.PopCount(mask & Through(bit));

    // Bit i of the result is the XOR of bits 0..i: set when an odd number of quotes precede or are at i.
    private static ulong PrefixXor(ulong bits)
    {
        bits ^= bits << 1;
        bits ^= bits << 2;
        bits ^= bits << 4;
        bits ^= bits << 8;
        bits ^= bits << 16;
        bits ^= bits << 32;
        return bits;
    }
}
