using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Win32.SafeHandles;

namespace YbMigrate.Migration.Data.Import;

/// <summary>Reads data files: their batches and checksum in one pass, the records of a batch.</summary>
internal static class FilePlanner
{
    private const int ReadSize = 1 << 20;

    /// <summary>
    /// Reads a file once: its batches (with the given limits) go to <paramref name="batch"/> in file
    /// order as they are cut; returns the file's checksum, computed as <paramref name="expected"/> was.
    /// </summary>
    public static string Read(string path, string expected, long rowLimit, long byteLimit, Action<RecordRange> batch, CancellationToken cancel = default)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        using var hash = FileChecksum.Like(expected);
        var splitter = new BatchSplitter(rowLimit, byteLimit);
        var buffer = ArrayPool<byte>.Shared.Rent(ReadSize);
        var given = 0;
        try
        {
            int filled;
            while ((filled = Fill(handle, buffer.AsSpan(0, ReadSize), splitter.Length)) > 0)
            {
                cancel.ThrowIfCancellationRequested();
                hash.Append(buffer.AsSpan(0, filled));
                splitter.Feed(buffer.AsSpan(0, filled));
                for (; given < splitter.Batches.Count; given++)
                {
                    batch(splitter.Batches[given]);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        var batches = splitter.Finish();
        for (; given < batches.Count; given++)
        {
            batch(batches[given]);
        }

        return hash.Current();
    }

    /// <summary>
    /// Reads the next bytes of a batch at <paramref name="position"/>; a file ending before the batch
    /// does means it changed after it was cut.
    /// </summary>
    public static async ValueTask<int> ReadBatchAsync(SafeFileHandle file, Memory<byte> into, long position, CancellationToken cancel)
    {
        var read = await RandomAccess.ReadAsync(file, into, position, cancel);
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
