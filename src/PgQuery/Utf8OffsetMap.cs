using System;
using System.Collections.Generic;
using System.Text;

namespace YbMigrate.PgQuery;

/// <summary>
/// Converts between libpg_query's byte offsets (into the UTF-8 encoding of a text) and
/// character offsets (UTF-16 code units into the .NET string). Memory is proportional to the
/// number of non-ASCII characters, not to the text's length: an ASCII text needs no table.
/// </summary>
public sealed class Utf8OffsetMap
{
    // The map of an ASCII text holds only its length: those up to this length are made once and shared
    // (immutable, so a race that makes one twice is harmless) instead of once per statement.
    private const int SharedIdentityLengths = 4096;
    private static readonly Utf8OffsetMap?[] SharedIdentity = new Utf8OffsetMap?[SharedIdentityLengths];

    // After each non-ASCII character: the byte offset and char offset just past it.
    private readonly int[] _bytesAfter;
    private readonly int[] _charsAfter;

    private Utf8OffsetMap(int[] bytesAfter, int[] charsAfter, int byteLength, int charLength)
    {
        _bytesAfter = bytesAfter;
        _charsAfter = charsAfter;
        ByteLength = byteLength;
        CharLength = charLength;
    }

    /// <summary>Length of the UTF-8 encoding.</summary>
    public int ByteLength { get; }

    /// <summary>Length of the text in UTF-16 code units.</summary>
    public int CharLength { get; }

    /// <summary>True when bytes and chars coincide (the text is ASCII).</summary>
    public bool IsIdentity => _bytesAfter.Length == 0;

    /// <summary>Builds the map for <paramref name="text"/>.</summary>
    public static Utf8OffsetMap For(string text) => For(text, 0, text.Length);

    /// <summary>Builds the map for the <paramref name="length"/> chars of <paramref name="text"/> from <paramref name="start"/>, offsets counted from there.</summary>
    public static Utf8OffsetMap For(string text, int start, int length)
    {
        var end = start + length;
        var firstNonAscii = start;
        while (firstNonAscii < end && text[firstNonAscii] < 0x80)
        {
            firstNonAscii++;
        }

        if (firstNonAscii == end)
        {
            return length < SharedIdentityLengths
                ? SharedIdentity[length] ??= Identity(length)
                : Identity(length);
        }

        var bytesAfter = new List<int>();
        var charsAfter = new List<int>();
        var bytes = firstNonAscii - start;
        for (var i = firstNonAscii; i < end; i++)
        {
            var c = text[i];
            if (c < 0x80)
            {
                bytes++;
                continue;
            }

            if (char.IsHighSurrogate(c) && i + 1 < end && char.IsLowSurrogate(text[i + 1]))
            {
                bytes += 4;
                i++;
            }
            else
            {
                bytes += c < 0x800 ? 2 : 3;
            }

            bytesAfter.Add(bytes);
            charsAfter.Add(i + 1 - start);
        }

        return new Utf8OffsetMap(bytesAfter.ToArray(), charsAfter.ToArray(), bytes, length);
    }

    private static Utf8OffsetMap Identity(int length) => new(Array.Empty<int>(), Array.Empty<int>(), length, length);

    /// <summary>The char offset of the character that starts at <paramref name="byteOffset"/>.</summary>
    public int ToCharOffset(int byteOffset)
    {
        if (IsIdentity || byteOffset <= 0)
        {
            return Math.Min(Math.Max(byteOffset, 0), CharLength);
        }

        var index = LastAtOrBefore(_bytesAfter, byteOffset);
        var chars = index < 0 ? byteOffset : _charsAfter[index] + (byteOffset - _bytesAfter[index]);
        return Math.Min(chars, CharLength);
    }

    /// <summary>The byte offset at which the character at <paramref name="charOffset"/> starts.</summary>
    public int ToByteOffset(int charOffset)
    {
        if (IsIdentity || charOffset <= 0)
        {
            return Math.Min(Math.Max(charOffset, 0), ByteLength);
        }

        var index = LastAtOrBefore(_charsAfter, charOffset);
        var bytes = index < 0 ? charOffset : _bytesAfter[index] + (charOffset - _charsAfter[index]);
        return Math.Min(bytes, ByteLength);
    }

    private static int LastAtOrBefore(int[] sorted, int value)
    {
        var found = Array.BinarySearch(sorted, value);
        return found >= 0 ? found : ~found - 1;
    }

    /// <summary>The part of a text as NUL-terminated UTF-8 in a buffer rented from the shared pool (the caller returns it).</summary>
    internal static byte[] EncodeNullTerminatedPooled(string text, int start, int length)
    {
        var encoding = Encoding.UTF8;
        var bytes = System.Buffers.ArrayPool<byte>.Shared.Rent(encoding.GetMaxByteCount(length) + 1);
        var count = encoding.GetBytes(text, start, length, bytes, 0);
        bytes[count] = 0;
        return bytes;
    }

    internal static byte[] EncodeNullTerminated(string text)
    {
        var encoding = Encoding.UTF8;
        var bytes = new byte[encoding.GetByteCount(text) + 1];
        encoding.GetBytes(text, 0, text.Length, bytes, 0);
        return bytes;
    }
}
