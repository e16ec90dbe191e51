using System;
using System.Runtime.CompilerServices;

namespace YbMigrate.Migration.Data.Import.Binary;

/// <summary>
/// numeric's binary form: int16 digit count, int16 weight (of the first digit, in powers of 10000),
/// uint16 sign, int16 display scale, then the base-10000 digits. Taken from "[+-]digits[.digits]"
/// only: exponents, NaN and Infinity are refused (their batch goes as CSV).
/// </summary>
internal static class BinaryNumeric
{
    private const ushort Positive = 0x0000;
    private const ushort Negative = 0x4000;

    // Longer forms are refused (their batch goes as CSV): far beyond any column's precision, and well
    // inside what numeric_recv takes.
    private const int MaxDigitsEachSide = 1000;

    // Digits of base 10000 kept on the stack (the usual numeric); more go to the heap.
    private const int SmallGroups = 16;

    /// <summary>Writes the value's binary form, or returns false.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryWrite(ReadOnlySpan<byte> text, BinaryBuffer output)
    {
        var sign = text.Length > 0 && text[0] == '-' ? Negative : Positive;
        if (text.Length > 0 && (text[0] == '-' || text[0] == '+'))
        {
            text = text[1..];
        }

        var point = text.IndexOf((byte)'.');
        var integer = point < 0 ? text : text[..point];
        var fraction = point < 0 ? ReadOnlySpan<byte>.Empty : text[(point + 1)..];
        if (integer.Length + fraction.Length == 0 || integer.Length > MaxDigitsEachSide || fraction.Length > MaxDigitsEachSide
            || !AllDigits(integer) || !AllDigits(fraction))
        {
            return false;
        }

        integer = integer.TrimStart((byte)'0');
        var groupCount = (integer.Length + 3) / 4 + (fraction.Length + 3) / 4;
        Span<short> groups = groupCount <= SmallGroups ? stackalloc short[SmallGroups] : new short[groupCount];
        var integerGroups = (integer.Length + 3) / 4;
        var count = 0;
        // The integer digits in groups of four from the point leftwards: the first group may be short.
        for (int start = 0, end = integer.Length - 4 * (integerGroups - 1); start < integer.Length; start = end, end += 4)
        {
            groups[count++] = Group(integer[start..end], 0);
        }

        // The fraction digits in groups of four from the point rightwards: the last one padded with zeros.
        for (var start = 0; start < fraction.Length; start += 4)
        {
            var digits = fraction[start..Math.Min(start + 4, fraction.Length)];
            groups[count++] = Group(digits, 4 - digits.Length);
        }

        var weight = integerGroups - 1;
        var first = 0;
        while (first < count && groups[first] == 0)
        {
            first++;
            weight--;
        }

        while (count > first && groups[count - 1] == 0)
        {
            count--;
        }

        var digitsUsed = groups[first..count];
        if (digitsUsed.IsEmpty)
        {
            // Zero is positive with weight 0, whatever its sign, as numeric_in makes it.
            (weight, sign) = (0, Positive);
        }

        output.WriteInt16((short)digitsUsed.Length);
        output.WriteInt16((short)weight);
        output.WriteInt16(unchecked((short)sign));
        output.WriteInt16((short)fraction.Length);
        foreach (var group in digitsUsed)
        {
            output.WriteInt16(group);
        }

        return true;
    }

    private static bool AllDigits(ReadOnlySpan<byte> text) => !text.ContainsAnyExceptInRange((byte)'0', (byte)'9');

    // Up to four decimal digits as one base-10000 digit, followed by `padding` zeros.
    private static short Group(ReadOnlySpan<byte> digits, int padding)
    {
        var value = 0;
        foreach (var digit in digits)
        {
            value = value * 10 + (digit - '0');
        }

        for (var i = 0; i < padding; i++)
        {
            value *= 10;
        }

        return (short)value;
    }
}
