using System;
using System.Buffers.Binary;

namespace YbMigrate.Migration.Data.Import.Binary;

/// <summary>A growable byte buffer the binary COPY stream is written into, big-endian as the protocol wants.</summary>
internal sealed class BinaryBuffer
{
    private byte[] _bytes;

    public BinaryBuffer(int capacity) => _bytes = new byte[capacity];

    /// <summary>Bytes written.</summary>
    public int Length { get; private set; }

    /// <summary>The bytes written.</summary>
    public ReadOnlyMemory<byte> Written => _bytes.AsMemory(0, Length);

    /// <summary>Forgets everything after <paramref name="length"/> (a row given up).</summary>
    public void Truncate(int length) => Length = length;

    /// <summary>A span of <paramref name="count"/> bytes at the end, counted as written.</summary>
    public Span<byte> Take(int count)
    {
        if (Length + count > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, Length + count));
        }

        var span = _bytes.AsSpan(Length, count);
        Length += count;
        return span;
    }

    public void WriteByte(byte value) => Take(1)[0] = value;

    public void WriteInt16(short value) => BinaryPrimitives.WriteInt16BigEndian(Take(2), value);

    public void WriteInt32(int value) => BinaryPrimitives.WriteInt32BigEndian(Take(4), value);

    public void WriteInt64(long value) => BinaryPrimitives.WriteInt64BigEndian(Take(8), value);

    public void Write(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Take(bytes.Length));

    /// <summary>Writes a field's length before its value: the bytes written since <paramref name="valueStart"/>.</summary>
    public void WriteLengthBefore(int valueStart) =>
        BinaryPrimitives.WriteInt32BigEndian(_bytes.AsSpan(valueStart - 4, 4), Length - valueStart);
}
