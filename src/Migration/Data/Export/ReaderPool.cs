using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;

namespace YbMigrate.Migration.Data.Export;

/// <summary>
/// The export's readers, one thread and connection each. They connect (and join the snapshot) as
/// soon as the pool is made, while the coordinator still lists and plans the tables, then take
/// chunks from one queue, largest first, until it is empty. The first failure stops them all.
/// </summary>
internal sealed class ReaderPool : IDisposable
{
    private readonly ITableDataSource _source;
    private readonly List<Thread> _threads;
    private readonly ConcurrentQueue<ExportChunk> _queue = new();
    private readonly ConcurrentDictionary<ExportChunk, DataFile> _files = new();
    private readonly ConcurrentQueue<Exception> _failures = new();
    private readonly CancellationTokenSource _cancellation = new();
    private readonly ManualResetEventSlim _planned = new();
    private string _dataDirectory = "";
    private Action<ExportedFile>? _fileDone;

    /// <summary>Starts <paramref name="readers"/> readers; they wait for <see cref="Run"/>.</summary>
    public ReaderPool(ITableDataSource source, int readers)
    {
        _source = source;
        _threads = Enumerable.Range(0, readers).Select(_ => new Thread(Work) { IsBackground = true }).ToList();
        _threads.ForEach(t => t.Start());
    }

    /// <summary>
    /// Has the readers write <paramref name="chunks"/> to <paramref name="dataDirectory"/> and waits
    /// for them; returns each chunk's file, or throws the first failure (a reader's connection, or a
    /// chunk, named with what to do).
    /// </summary>
    public IReadOnlyDictionary<ExportChunk, DataFile> Run(IEnumerable<ExportChunk> chunks, string dataDirectory, Action<ExportedFile>? fileDone)
    {
        foreach (var chunk in chunks.OrderByDescending(c => c.EstimatedRows))
        {
            _queue.Enqueue(chunk);
        }

        (_dataDirectory, _fileDone) = (dataDirectory, fileDone);
        _planned.Set();
        _threads.ForEach(t => t.Join());
        if (_failures.TryDequeue(out var failure))
        {
            throw failure;
        }

        return _files;
    }

    /// <summary>Stops readers still waiting (the export failed before <see cref="Run"/>) and waits for them to close.</summary>
    public void Dispose()
    {
        _cancellation.Cancel();
        _threads.ForEach(t => t.Join());
        _cancellation.Dispose();
        _planned.Dispose();
    }

    private void Work()
    {
        ExportChunk? current = null;
        try
        {
            using var reader = _source.OpenReader();
            _planned.Wait(_cancellation.Token);
            while (!_cancellation.IsCancellationRequested && _queue.TryDequeue(out current))
            {
                var clock = Stopwatch.StartNew();
                var file = DataFileWriter.Write(_dataDirectory, current, reader, _cancellation.Token);
                _files[current] = file;
                _fileDone?.Invoke(new ExportedFile(current, file, clock.Elapsed));
            }
        }
        catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
        {
            // Another reader failed first (its error is the one reported), or the export did before any row.
        }
        catch (Exception ex)
        {
            _failures.Enqueue(current is null ? ex : new DataExportException(Failure(current, ex), current.Table, current, ex));
            _cancellation.Cancel();
        }
    }

    private static string Failure(ExportChunk chunk, Exception ex) =>
        $"{chunk.Description}: {ex.Message}. No file was written for it and no manifest for this export; fix the cause and run the export again (it starts over).";
}
