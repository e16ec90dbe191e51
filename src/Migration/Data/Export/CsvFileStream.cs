using System;
using System.IO;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace YbMigrate.Migration.Data.Export;

/// <summary>
/// A write-only stream in front of a data file that, in the same pass, computes the file's checksum
/// (<see cref="FileChecksum"/>) and counts CSV records: line feeds outside quoted fields (a quoted field may hold line feeds;
/// a doubled quote inside one closes and reopens it, which leaves the state as it was).
/// </summary>
internal sealed class CsvFileStream : Stream
{
    private readonly Stream _inner;
    private readonly FileChecksum _checksum = FileChecksum.Create();
    private ulong _insideQuotes;
    private byte _lastByte = (byte)'\n';

    public CsvFileStream(Stream inner) => _inner = inner;

    /// <summary>Complete records written so far.</summary>
    public long Records { get; private set; }

    /// <summary>Bytes written so far.</summary>
    public long Bytes { get; private set; }

    /// <summary>True when the bytes end on a record boundary (nothing, or a line feed outside quotes).</summary>
    public bool EndsOnRecord => _insideQuotes == 0 && _lastByte == (byte)'\n';

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => Bytes;

    public override long Position
    {
        get => Bytes;
        set => throw new NotSupportedException();
    }

    /// <summary>The checksum of every byte written, as the manifest writes it.</summary>
    public string Checksum() => _checksum.Current();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return;
        }

        _checksum.Append(buffer);
        CountRecords(buffer);
        _inner.Write(buffer);
        Bytes += buffer.Length;
        _lastByte = buffer[^1];
    }

    // Whole 64-byte blocks through CsvBlock (a scan per quote would stop every few bytes in
    // quote-heavy data such as JSON); the tail padded with zero bytes, which are neither quotes nor
    // line feeds. The quoting state carries over to the next write.
    private void CountRecords(ReadOnlySpan<byte> bytes)
    {
        var whole = bytes.Length - bytes.Length % CsvBlock.Size;
        for (var i = 0; i < whole; i += CsvBlock.Size)
        {
            CountBlock(bytes.Slice(i, CsvBlock.Size));
        }

        if (whole < bytes.Length)
        {
            Span<byte> padded = stackalloc byte[CsvBlock.Size];
            padded.Clear();
            bytes[whole..].CopyTo(padded);
            CountBlock(padded);
        }
    }

    // Straight to optimized code: the vector scan inlined here keeps it out of the precompiled image, and
    // its first calls would otherwise run unoptimized while the file streams past.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void CountBlock(ReadOnlySpan<byte> block)
    {
        CsvBlock.Scan(block, ref _insideQuotes, out var recordEnds, out _);
        Records += BitOperations.PopCount(recordEnds);
    }

    public override void Flush() => _inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _checksum.Dispose();
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
