using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace YbMigrate.Linter.Engine;

/// <summary>
/// Items a pipeline processes, known in advance or found as it goes: the segments of a script are
/// split by the consuming thread a little ahead of the workers that parse them.
/// </summary>
internal interface IItemSource
{
    /// <summary>How many items are known so far.</summary>
    int Count { get; }

    /// <summary>True when <see cref="Count"/> is final.</summary>
    bool Complete { get; }

    /// <summary>Makes at least <paramref name="count"/> items known, when there are that many.</summary>
    void ReadAhead(int count);
}

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
    /// The results of a step on each item index (0 to <paramref name="itemCount"/> - 1), in order. Each thread calls
    /// <paramref name="newStep"/> once for a step of its own; <paramref name="discard"/> releases the
    /// results made ahead and never taken.
    /// </summary>
    public static IEnumerable<T> Process<T>(int itemCount, Func<Func<int, T>> newStep, Action<T> discard) =>
        Process(new KnownItems(itemCount), newStep, discard);

    /// <summary>The same over items found as the results are taken: the workers start on the first while the caller finds the rest.</summary>
    public static IEnumerable<T> Process<T>(IItemSource items, Func<Func<int, T>> newStep, Action<T> discard)
    {
        items.ReadAhead(MinimumStatementsForBackgroundParsing);
        return items.Complete && items.Count < MinimumStatementsForBackgroundParsing
            ? Sequential(items.Count, newStep())
            : InBackground(items, newStep, discard);
    }

    private static IEnumerable<T> Sequential<T>(int itemCount, Func<int, T> step)
    {
        for (var i = 0; i < itemCount; i++)
        {
            yield return step(i);
        }
    }

    private static IEnumerable<T> InBackground<T>(IItemSource items, Func<Func<int, T>> newStep, Action<T> discard)
    {
        using var pipeline = new ParsePipeline<T>(newStep, discard, Math.Max(Environment.ProcessorCount, 1));
        for (var batch = 0; pipeline.Feed(items, batch); batch++)
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

                pipeline.Reuse(results);
            }
        }
    }

    private sealed class KnownItems : IItemSource
    {
        public KnownItems(int count) => Count = count;

        public int Count { get; }

        public bool Complete => true;

        public void ReadAhead(int count)
        {
        }
    }
}

/// <summary>
/// Worker threads processing the batches of a sequence of items in parallel, at most <see cref="BatchesAhead"/>
/// batches ahead of the consumer, which takes them in order and tells them (<see cref="Feed"/>) which items
/// are known. Disposing stops the workers (after the batch each is processing) and discards what was made and not taken.
/// </summary>
internal sealed class ParsePipeline<T> : IDisposable
{
    // 512 statements ahead at most, in batches of 64: half the hand-offs (and wake-ups) of 32.
    private const int BatchSize = 64;
    private const int BatchesAhead = 8;

    private readonly Func<Func<int, T>> _newStep;
    private readonly Action<T> _discard;
    // The results of the batches in the window, batch b in slot b % BatchesAhead: the workers stay within BatchesAhead of the consumer.
    private readonly T[]?[] _ready = new T[]?[BatchesAhead];
    // Arrays of taken batches, cleared, for the next batches: a long script allocates a few instead of one per batch.
    private readonly Stack<T[]> _spare = new();
    private readonly object _gate = new();
    private readonly Task[] _workers;
    private int _known;
    private bool _complete;
    private int _nextBatch;
    private int _taken;
    // Who waits on _gate, so that a thread is woken only when what it waits for has happened: each
    // wake-up costs a futex call and a context switch, and batches complete thousands of times a second.
    private bool _consumerWaiting;
    private int _workersWaiting;
    private bool _stopping;
    private Exception? _failure;

    public ParsePipeline(Func<Func<int, T>> newStep, Action<T> discard, int workers)
    {
        _newStep = newStep;
        _discard = discard;
        _workers = new Task[workers];
        for (var i = 0; i < _workers.Length; i++)
        {
            _workers[i] = Task.Factory.StartNew(Work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
    }

    /// <summary>
    /// Finds items up to the end of the workers' window past <paramref name="batch"/> (on the caller's thread) and
    /// publishes them to the workers; false when <paramref name="batch"/> is past the last item.
    /// </summary>
    public bool Feed(IItemSource items, int batch)
    {
        var wanted = (batch + BatchesAhead + 1) * BatchSize;
        if (!items.Complete && items.Count < wanted)
        {
            items.ReadAhead(wanted);
        }

        lock (_gate)
        {
            // Items are published under the lock the workers claim batches under: they read none that is not complete.
            if (items.Count != _known || items.Complete != _complete)
            {
                (_known, _complete) = (items.Count, items.Complete);
                if (_workersWaiting > 0)
                {
                    Monitor.PulseAll(_gate);
                }
            }
        }

        return batch * BatchSize < items.Count;
    }

    /// <summary>The results of <paramref name="batch"/> (waiting for them); batches are taken in order.</summary>
    public T[] Take(int batch)
    {
        T[]? parsed;
        var slot = batch % BatchesAhead;
        lock (_gate)
        {
            while ((parsed = _ready[slot]) is null && _failure is null)
            {
                _consumerWaiting = true;
                Monitor.Wait(_gate);
                _consumerWaiting = false;
            }

            _ready[slot] = null;
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

    /// <summary>Hands back the array of a batch taken and read to the end, for a later batch.</summary>
    public void Reuse(T[] results)
    {
        if (results.Length == BatchSize)
        {
            Array.Clear(results, 0, results.Length);
            lock (_gate)
            {
                _spare.Push(results);
            }
        }
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

    // Workers block (without spinning: the consumer needs the core) while the window is full or its next batch not yet known.
    private void Work()
    {
        try
        {
            var step = _newStep();
            while (TryClaimBatch(out var batch, out var results))
            {
                var parsed = ProcessBatch(batch * BatchSize, results, step);
                lock (_gate)
                {
                    _ready[batch % BatchesAhead] = parsed;
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

    // Claims the next batch with an array for its results.
    private bool TryClaimBatch(out int batch, out T[] results)
    {
        lock (_gate)
        {
            while (!_stopping && !PastTheEnd && !NextBatchClaimable)
            {
                _workersWaiting++;
                Monitor.Wait(_gate);
                _workersWaiting--;
            }

            batch = _nextBatch++;
            var count = Math.Min(BatchSize, _known - batch * BatchSize);
            results = _stopping || count <= 0 ? Array.Empty<T>() : count == BatchSize && _spare.Count > 0 ? _spare.Pop() : new T[count];
            return results.Length > 0;
        }
    }

    private bool PastTheEnd => _complete && _nextBatch * BatchSize >= _known;

    // Within the window, with all its items known (the last batch: all there are).
    private bool NextBatchClaimable => _nextBatch - _taken < BatchesAhead && ((_nextBatch + 1) * BatchSize <= _known || _complete);

    private T[] ProcessBatch(int first, T[] results, Func<int, T> step)
    {
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
