using System;
using System.IO;
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

    private void CountRecords(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            var next = _inQuotes ? bytes.IndexOf((byte)'"') : bytes.IndexOfAny((byte)'"', (byte)'\n');
            if (next < 0)
            {
                return;
            }

            if (bytes[next] == (byte)'"')
            {
                _inQuotes = !_inQuotes;
            }
            else
            {
                Records++;
            }

            bytes = bytes[(next + 1)..];
        }
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
