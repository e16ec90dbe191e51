using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace YbMigrate.Migration.Data.Import;

/// <summary>
/// The checksums of the files to import, computed one file after another on a thread of their own
/// from the moment the manifest is read, in the order the files are loaded. No batch of a file
/// commits before its checksum is known, and the first batches are loaded within a second of the
/// start: computed only once the import had connected and checked the target, the checksum of a
/// large file kept the first streams waiting. A file the ledger shows as loaded already is skipped.
/// </summary>
internal sealed class FileChecksums : IAsyncDisposable
{
    private readonly Dictionary<string, TaskCompletionSource<string>> _results;
    private readonly ConcurrentDictionary<string, bool> _skipped = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop;
    private readonly Task _worker;

    private FileChecksums(string dataDirectory, IReadOnlyList<DataFile> files, CancellationToken cancel)
    {
        _results = files.ToDictionary(f => f.Path, _ => new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously), StringComparer.Ordinal);
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        _worker = Task.Factory.StartNew(() => Run(dataDirectory, files), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Starts computing the checksums of <paramref name="files"/> (paths relative to <paramref name="dataDirectory"/>), in that order.</summary>
    public static FileChecksums Start(string dataDirectory, IEnumerable<DataFile> files, CancellationToken cancel) =>
        new(dataDirectory, files.DistinctBy(f => f.Path).ToList(), cancel);

    /// <summary>
    /// The file's checksum, computed as its manifest entry's was. Faults with an <see cref="ImportException"/>
    /// naming the file when it cannot be read; cancelled when the import stops first.
    /// </summary>
    public Task<string> Of(DataFile file) => _results[file.Path].Task;

    /// <summary>Leaves a file out, unless it is being read already: nothing of it is left to load.</summary>
    public void Skip(DataFile file) => _skipped[file.Path] = true;

    /// <summary>Stops reading and waits for the thread to end.</summary>
    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _worker;
        _stop.Dispose();
    }

    private void Run(string dataDirectory, IReadOnlyList<DataFile> files)
    {
        foreach (var file in files)
        {
            var result = _results[file.Path];
            if (_stop.IsCancellationRequested || _skipped.ContainsKey(file.Path))
            {
                result.TrySetCanceled();
                continue;
            }

            try
            {
                result.TrySetResult(FilePlanner.Checksum(Path.Combine(dataDirectory, file.Path), file.Checksum, _stop.Token));
            }
            catch (OperationCanceledException)
            {
                result.TrySetCanceled();
            }
            catch (Exception ex)
            {
                // Whatever it is, the file's batches must hear of it rather than wait for ever.
                result.TrySetException(ex is IOException or UnauthorizedAccessException ? new ImportException($"data/{file.Path}: {ex.Message}", ex) : ex);
            }
        }
    }
}
