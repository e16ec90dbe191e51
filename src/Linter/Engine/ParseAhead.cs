using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace YbMigrate.Linter.Engine;

/// <summary>
/// Runs a per-item step over a sequence of items, handing the results back in order: the parse
/// and the rules that need nothing but the statement over the segments of a script, then the
/// deferred checks over the statements that have some. Long scripts are processed in
/// batches by worker threads (one per core) a bounded distance ahead of the caller, so the work
/// runs on every core while memory stays flat; short ones (a literal from the analyzers) on the
/// caller's thread, with no worker started.
/// </summary>
internal static class ParseAhead
{
    private const int MinimumStatementsForBackgroundParsing = 64;

    /// <summary>
    /// The results of a step on each segment index (0 to <paramref name="segmentCount"/> - 1), in order. Each thread calls
    /// <paramref name="newStep"/> once for a step of its own; <paramref name="discard"/> releases the
    /// results made ahead and never taken.
    /// </summary>
    public static IEnumerable<T> Process<T>(int segmentCount, Func<Func<int, T>> newStep, Action<T> discard) =>
        segmentCount < MinimumStatementsForBackgroundParsing ? Sequential(segmentCount, newStep()) : InBackground(segmentCount, newStep, discard);

    private static IEnumerable<T> Sequential<T>(int segmentCount, Func<int, T> step)
    {
        for (var i = 0; i < segmentCount; i++)
        {
            yield return step(i);
        }
    }

    private static IEnumerable<T> InBackground<T>(int segmentCount, Func<Func<int, T>> newStep, Action<T> discard)
    {
        using var pipeline = new ParsePipeline<T>(segmentCount, newStep, discard, Math.Max(Environment.ProcessorCount, 1));
        for (var batch = 0; batch < pipeline.BatchCount; batch++)
        {
            var results = pipeline.Take(batch);
            var next = 0;
            try
            {
                while (next < results.Length)
                {
                    yield return results[next++];
                }
            }
            finally
            {
                // The caller stopped inside the batch: what it did not take is released here.
                for (; next < results.Length; next++)
                {
                    discard(results[next]);
                }
            }
        }
    }
}

/// <summary>
/// Worker threads processing the batches of a script's segments in parallel, at most <see cref="BatchesAhead"/>
/// batches ahead of the consumer, which takes them in order. Disposing stops the workers (after
/// the batch each is processing) and discards what was made and not taken.
/// </summary>
internal sealed class ParsePipeline<T> : IDisposable
{
    // 512 statements ahead at most, in batches of 64: half the hand-offs (and wake-ups) of 32.
    private const int BatchSize = 64;
    private const int BatchesAhead = 8;

    private readonly int _segmentCount;
    private readonly Func<Func<int, T>> _newStep;
    private readonly Action<T> _discard;
    private readonly T[]?[] _ready;
    private readonly object _gate = new();
    private readonly Task[] _workers;
    private int _nextBatch;
    private int _taken;
    // Who waits on _gate, so that a thread is woken only when what it waits for has happened: each
    // wake-up costs a futex call and a context switch, and batches complete thousands of times a second.
    private bool _consumerWaiting;
    private int _workersWaiting;
    private bool _stopping;
    private Exception? _failure;

    public ParsePipeline(int segmentCount, Func<Func<int, T>> newStep, Action<T> discard, int workers)
    {
        _segmentCount = segmentCount;
        _newStep = newStep;
        _discard = discard;
        BatchCount = (segmentCount + BatchSize - 1) / BatchSize;
        _ready = new T[]?[BatchCount];
        _workers = new Task[Math.Min(workers, BatchCount)];
        for (var i = 0; i < _workers.Length; i++)
        {
            _workers[i] = Task.Factory.StartNew(Work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
    }

    public int BatchCount { get; }

    /// <summary>The results of <paramref name="batch"/> (waiting for them); batches are taken in order.</summary>
    public T[] Take(int batch)
    {
        T[]? parsed;
        lock (_gate)
        {
            while ((parsed = _ready[batch]) is null && _failure is null)
            {
                _consumerWaiting = true;
                Monitor.Wait(_gate);
                _consumerWaiting = false;
            }

            _ready[batch] = null;
            _taken = batch + 1;
            if (_workersWaiting > 0)
            {
                Monitor.PulseAll(_gate);
            }
        }

        if (parsed is null)
        {
            ExceptionDispatchInfo.Capture(_failure!).Throw();
        }

        return parsed!;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _stopping = true;
            Monitor.PulseAll(_gate);
        }

        Task.WaitAll(_workers);

        foreach (var batch in _ready)
        {
            Array.ForEach(batch ?? Array.Empty<T>(), _discard);
        }

    }

    // Workers block (without spinning: the consumer needs the core) while the window is full.
    private void Work()
    {
        try
        {
            var step = _newStep();
            while (TryClaimBatch(out var batch))
            {
                var parsed = ProcessBatch(batch, step);
                lock (_gate)
                {
                    _ready[batch] = parsed;
                    if (_consumerWaiting && batch == _taken)
                    {
                        Monitor.PulseAll(_gate);
                    }
                }
            }
        }
        catch (Exception ex)
        {
            lock (_gate)
            {
                _failure ??= ex;
                Monitor.PulseAll(_gate);
            }
        }
    }

    private bool TryClaimBatch(out int batch)
    {
        lock (_gate)
        {
            while (!_stopping && _nextBatch < BatchCount && _nextBatch - _taken >= BatchesAhead)
            {
                _workersWaiting++;
                Monitor.Wait(_gate);
                _workersWaiting--;
            }

            batch = _nextBatch++;
            return !_stopping && batch < BatchCount;
        }
    }

    private T[] ProcessBatch(int batch, Func<int, T> step)
    {
        var first = batch * BatchSize;
        var results = new T[Math.Min(BatchSize, _segmentCount - first)];
        var done = 0;
        try
        {
            for (; done < results.Length; done++)
            {
                results[done] = step(first + done);
            }
        }
        catch
        {
            for (var i = 0; i < done; i++)
            {
                _discard(results[i]);
            }

            throw;
        }

        return results;
    }
}
