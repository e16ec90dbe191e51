using System;
using System.IO;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Security.Cryptography;

namespace YbMigrate.Migration.Data.Export;

/// <summary>
/// A write-only stream in front of a data file that, in the same pass, hashes the bytes (SHA-256)
/// and counts CSV records: line feeds outside quoted fields (a quoted field may hold line feeds;
/// a doubled quote inside one closes and reopens it, which leaves the state as it was).
/// </summary>
internal sealed class CsvFileStream : Stream
{
    private readonly Stream _inner;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private bool _inQuotes;
    private byte _lastByte = (byte)'\n';

    public CsvFileStream(Stream inner) => _inner = inner;

    /// <summary>Complete records written so far.</summary>
    public long Records { get; private set; }

    /// <summary>Bytes written so far.</summary>
    public long Bytes { get; private set; }

    /// <summary>True when the bytes end on a record boundary (nothing, or a line feed outside quotes).</summary>
    public bool EndsOnRecord => !_inQuotes && _lastByte == (byte)'\n';

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => Bytes;

    public override long Position
    {
        get => Bytes;
        set => throw new NotSupportedException();
    }

    /// <summary>The SHA-256 of every byte written, lower-case hex.</summary>
    public string Sha256() => Convert.ToHexStringLower(_hash.GetCurrentHash());

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return;
        }

        _hash.AppendData(buffer);
        CountRecords(buffer);
        _inner.Write(buffer);
        Bytes += buffer.Length;
        _lastByte = buffer[^1];
    }

    // 64 bytes at a time: bit masks of the quotes and line feeds; the prefix XOR of the quote mask
    // (carried over from the previous block) marks the bytes inside quotes; the line feeds outside
    // are records. A scan per quote would stop every few bytes in quote-heavy data (JSON).
    private void CountRecords(ReadOnlySpan<byte> bytes)
    {
        var quote = Vector256.Create((byte)'"');
        var lineFeed = Vector256.Create((byte)'\n');
        var inside = _inQuotes ? ulong.MaxValue : 0UL;
        ref var start = ref MemoryMarshal.GetReference(bytes);
        var i = 0;
        for (; i + 64 <= bytes.Length; i += 64)
        {
            var low = Vector256.LoadUnsafe(ref start, (nuint)i);
            var high = Vector256.LoadUnsafe(ref start, (nuint)i + 32);
            var quotes = Vector256.Equals(low, quote).ExtractMostSignificantBits() | (ulong)Vector256.Equals(high, quote).ExtractMostSignificantBits() << 32;
            var lineFeeds = Vector256.Equals(low, lineFeed).ExtractMostSignificantBits() | (ulong)Vector256.Equals(high, lineFeed).ExtractMostSignificantBits() << 32;
            var quoted = PrefixXor(quotes) ^ inside;
            Records += BitOperations.PopCount(lineFeeds & ~quoted);
            inside = (ulong)((long)quoted >> 63);
        }

        for (; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'"')
            {
                inside = ~inside;
            }
            else if (bytes[i] == (byte)'\n' && inside == 0)
            {
                Records++;
            }
        }

        _inQuotes = inside != 0;
    }

    // Bit i of the result is the XOR of bits 0..i: 1 from an opening quote up to its closing one.
    private static ulong PrefixXor(ulong bits)
    {
        bits ^= bits << 1;
        bits ^= bits << 2;
        bits ^= bits << 4;
        bits ^= bits << 8;
        bits ^= bits << 16;
        return bits ^ (bits << 32);
    }

    public override void Flush() => _inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
