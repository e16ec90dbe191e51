using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using YbMigrate.Linter.Scripts;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Engine;

/// <summary>A script segment with its parse (null for meta-commands and COPY data).</summary>
internal readonly struct ParsedSegment
{
    public ParsedSegment(ScriptSegment segment, ParseResult? parsed)
    {
        Segment = segment;
        Parsed = parsed;
    }

    public ScriptSegment Segment { get; }

    public ParseResult? Parsed { get; }
}

/// <summary>
/// Parses the statements of a script, handing them back in order. Long scripts are parsed in
/// batches by worker threads (one per core) a bounded distance ahead of the caller, so parsing
/// (libpg_query and reading its tree) runs beside the rules while memory stays flat; the rules
/// themselves run on the caller's thread, in order. The caller disposes each parse.
/// </summary>
internal static class ParseAhead
{
    private const int MinimumStatementsForBackgroundParsing = 64;

    public static IEnumerable<ParsedSegment> Parse(string script, IReadOnlyList<ScriptSegment> segments) =>
        segments.Count < MinimumStatementsForBackgroundParsing ? Sequential(script, segments) : InBackground(script, segments);

    internal static ParsedSegment ParseOne(string script, ScriptSegment segment)
    {
        if (segment.Kind != SegmentKind.Statement || segment.Span.Length == 0)
        {
            return new ParsedSegment(segment, null);
        }

        return new ParsedSegment(segment, PgQuery.PgQuery.Parse(script, segment.Span.Start, segment.Span.Length));
    }

    private static IEnumerable<ParsedSegment> Sequential(string script, IReadOnlyList<ScriptSegment> segments)
    {
        foreach (var segment in segments)
        {
            yield return ParseOne(script, segment);
        }
    }

    private static IEnumerable<ParsedSegment> InBackground(string script, IReadOnlyList<ScriptSegment> segments)
    {
        using var pipeline = new ParsePipeline(script, segments, Math.Max(Environment.ProcessorCount, 1));
        for (var batch = 0; batch < pipeline.BatchCount; batch++)
        {
            foreach (var parsed in pipeline.Take(batch))
            {
                yield return parsed;
            }
        }
    }
}

/// <summary>
/// Worker threads parsing the batches of a script in parallel, at most <see cref="BatchesAhead"/>
/// batches ahead of the consumer, which takes them in order. Disposing stops the workers (after
/// the batch each is parsing) and disposes what was parsed and not taken.
/// </summary>
internal sealed class ParsePipeline : IDisposable
{
    private const int BatchSize = 32;
    private const int BatchesAhead = 16;

    private readonly string _script;
    private readonly IReadOnlyList<ScriptSegment> _segments;
    private readonly ParsedSegment[]?[] _ready;
    private readonly object _gate = new();
    private readonly Task[] _workers;
    private int _nextBatch;
    private int _taken;
    private bool _stopping;
    private Exception? _failure;

    public ParsePipeline(string script, IReadOnlyList<ScriptSegment> segments, int workers)
    {
        _script = script;
        _segments = segments;
        BatchCount = (segments.Count + BatchSize - 1) / BatchSize;
        _ready = new ParsedSegment[]?[BatchCount];
        _workers = new Task[Math.Min(workers, BatchCount)];
        for (var i = 0; i < _workers.Length; i++)
        {
            _workers[i] = Task.Factory.StartNew(Work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
    }

    public int BatchCount { get; }

    /// <summary>The parsed segments of <paramref name="batch"/> (waiting for them); batches are taken in order.</summary>
    public ParsedSegment[] Take(int batch)
    {
        ParsedSegment[]? parsed;
        lock (_gate)
        {
            while ((parsed = _ready[batch]) is null && _failure is null)
            {
                Monitor.Wait(_gate);
            }

            _ready[batch] = null;
            _taken = batch + 1;
            Monitor.PulseAll(_gate);
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
            foreach (var unread in batch ?? Array.Empty<ParsedSegment>())
            {
                unread.Parsed?.Dispose();
            }
        }

    }

    // Workers block (without spinning: the consumer needs the core) while the window is full.
    private void Work()
    {
        try
        {
            while (TryClaimBatch(out var batch))
            {
                var parsed = ParseBatch(batch);
                lock (_gate)
                {
                    _ready[batch] = parsed;
                    Monitor.PulseAll(_gate);
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
                Monitor.Wait(_gate);
            }

            batch = _nextBatch++;
            return !_stopping && batch < BatchCount;
        }
    }

    private ParsedSegment[] ParseBatch(int batch)
    {
        var first = batch * BatchSize;
        var parsed = new ParsedSegment[Math.Min(BatchSize, _segments.Count - first)];
        try
        {
            for (var i = 0; i < parsed.Length; i++)
            {
                parsed[i] = ParseAhead.ParseOne(_script, _segments[first + i]);
            }
        }
        catch
        {
            Array.ForEach(parsed, p => p.Parsed?.Dispose());
            throw;
        }

        return parsed;
    }
}
