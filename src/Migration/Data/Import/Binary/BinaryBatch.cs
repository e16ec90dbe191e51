using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Win32.SafeHandles;
using Npgsql;

namespace YbMigrate.Migration.Data.Import.Binary;

/// <summary>
/// Sends one batch of a CSV file as binary COPY, converted as it streams: a piece of the file is read,
/// its whole records converted, the tuples sent once 256 KB have gathered. Memory stays at a few
/// buffers of that size (more only for a record larger than them), kept from batch to batch by the
/// loader that owns this.
/// </summary>
internal sealed class BinaryBatch
{
    private const int ReadSize = 256 * 1024;
    private const int SendSize = 256 * 1024;

    // A record larger than this is not held whole for conversion: its batch goes as CSV, streamed.
    private const int MaxRecord = 16 * 1024 * 1024;

    private readonly BinaryBuffer _output = new(SendSize + ReadSize);

    /// <summary>
    /// Sends the batch; false when a value or record is not converted exactly (the COPY is then cancelled:
    /// nothing of the batch is kept once the caller rolls back). The target's own errors are thrown.
    /// </summary>
    public async Task<bool> CopyAsync(NpgsqlConnection connection, BinaryCopyPlan plan, SafeFileHandle file, RecordRange range, CancellationToken cancel)
    {
        var input = ArrayPool<byte>.Shared.Rent(ReadSize);
        var output = _output;
        output.Truncate(0);
        var converter = new CsvToBinary(plan.Columns);
        var copy = await connection.BeginRawBinaryCopyAsync(plan.CopySql, cancel);
        try
        {
            CsvToBinary.WriteHeader(output);
            var held = 0;
            for (long read = 0; read < range.Length;)
            {
                if (held == input.Length && !Grow(ref input))
                {
                    await copy.CancelAsync();
                    return false;
                }

                var got = FilePlanner.ReadBatch(file, input.AsSpan(held, (int)Math.Min(input.Length - held, range.Length - read)), range.Offset + read);
                read += got;
                held += got;
                if (converter.Convert(input.AsSpan(0, held), final: read == range.Length, output, out var consumed) == ConvertOutcome.Refused)
                {
                    await copy.CancelAsync();
                    return false;
                }

                input.AsSpan(consumed, held - consumed).CopyTo(input);
                held -= consumed;
                if (output.Length >= SendSize)
                {
                    await copy.WriteAsync(output.Written, cancel);
                    output.Truncate(0);
                }
            }

            CsvToBinary.WriteTrailer(output);
            await copy.WriteAsync(output.Written, cancel);
        }
        catch (Exception ex) when (ex is not PostgresException && connection.State == System.Data.ConnectionState.Open)
        {
            // Our side failed: the rows sent so far must not be taken as the whole batch.
            await copy.CancelAsync();
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(input);
        }

        // Ends the COPY: the target's verdict on the batch comes here.
        await copy.DisposeAsync();
        return true;
    }

    // A buffer full of one unfinished record: twice as large, up to the limit.
    private static bool Grow(ref byte[] input)
    {
        if (input.Length >= MaxRecord)
        {
            return false;
        }

        var larger = ArrayPool<byte>.Shared.Rent(input.Length * 2);
        input.CopyTo(larger, 0);
        ArrayPool<byte>.Shared.Return(input);
        input = larger;
        return true;
    }
}
