using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Win32.SafeHandles;

namespace YbMigrate.Migration.Data.Import;

/// <summary>Reads data files: their checksum, their batches, the records of a batch.</summary>
internal static class FilePlanner
{
    private const int ReadSize = 1 << 20;

    /// <summary>The file's checksum, computed as <paramref name="expected"/> was.</summary>
    public static string Checksum(string path, string expected, CancellationToken cancel = default)
    {
        using var hash = FileChecksum.Like(expected);
        ReadAll(path, hash, static (bytes, hash) => hash.Append(bytes), cancel);
        return hash.Current();
    }

    /// <summary>Cuts a file into batches with the given limits; each goes to <paramref name="batch"/> in file order as it is cut.</summary>
    public static void Cut(string path, long rowLimit, long byteLimit, Action<RecordRange> batch, CancellationToken cancel = default)
    {
        var splitter = new BatchSplitter(rowLimit, byteLimit);
        var given = 0;
        ReadAll(path, splitter, (bytes, splitter) =>
        {
            splitter.Feed(bytes);
            for (; given < splitter.Batches.Count; given++)
            {
                batch(splitter.Batches[given]);
            }
        }, cancel);

        var batches = splitter.Finish();
        for (; given < batches.Count; given++)
        {
            batch(batches[given]);
        }
    }

    // Reads a file from start to end in pieces of a multiple of 64 bytes (the last one excepted).
    private static void ReadAll<TState>(string path, TState state, ReadOnlySpanAction<byte, TState> consume, CancellationToken cancel)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        var buffer = ArrayPool<byte>.Shared.Rent(ReadSize);
        try
        {
            long offset = 0;
            int filled;
            while ((filled = Fill(handle, buffer.AsSpan(0, ReadSize), offset)) > 0)
            {
                cancel.ThrowIfCancellationRequested();
                consume(buffer.AsSpan(0, filled), state);
                offset += filled;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Reads the next bytes of a batch at <paramref name="position"/>; a file ending before the batch
    /// does means it changed after it was cut. Synchronous on purpose: the file was just read by the
    /// cut pass, so this is a copy from the page cache, cheaper than the thread-pool round trip of an
    /// asynchronous file read on Linux.
    /// </summary>
    public static int ReadBatch(SafeFileHandle file, Span<byte> into, long position)
    {
        var read = RandomAccess.Read(file, into, position);
        return read > 0 ? read : throw new IOException("the file is shorter than the manifest says: it changed during the import");
    }

    /// <summary>The records of one range of a file, each as a range of its own with its first line.</summary>
    public static IReadOnlyList<RecordRange> Records(SafeFileHandle file, RecordRange range)
    {
        var splitter = new BatchSplitter(rowLimit: 1, byteLimit: long.MaxValue);
        var buffer = ArrayPool<byte>.Shared.Rent(ReadSize);
        try
        {
            for (long done = 0; done < range.Length;)
            {
                var size = (int)Math.Min(ReadSize, range.Length - done);
                var read = Fill(file, buffer.AsSpan(0, size), range.Offset + done);
                if (read < size)
                {
                    throw new IOException($"the file is shorter than its batch ({range.End} bytes): it changed during the import");
                }

                splitter.Feed(buffer.AsSpan(0, read));
                done += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return splitter.Finish()
            .Select(r => r with { Offset = range.Offset + r.Offset, FirstLine = range.FirstLine + r.FirstLine - 1 })
            .ToList();
    }

    // Reads until the span is full or the file ends.
    private static int Fill(SafeFileHandle file, Span<byte> buffer, long offset)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = RandomAccess.Read(file, buffer[filled..], offset + filled);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return filled;
    }
}
