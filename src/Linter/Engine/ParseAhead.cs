using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using YbMigrate.Linter.Scripts;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Engine;

/// <summary>A script segment with its statement text and parse (both null for meta-commands and COPY data).</summary>
internal readonly struct ParsedSegment
{
    public ParsedSegment(ScriptSegment segment, string? text, ParseResult? parsed)
    {
        Segment = segment;
        Text = text;
        Parsed = parsed;
    }

    public ScriptSegment Segment { get; }

    public string? Text { get; }

    public ParseResult? Parsed { get; }
}

/// <summary>
/// Parses the statements of a script in order. Long scripts are parsed on a second thread a
/// bounded distance ahead of the caller, so parsing (libpg_query and the JSON tree) overlaps the
/// rules while memory stays flat; the rules themselves still run on one thread, in order.
/// The caller disposes each parse.
/// </summary>
internal static class ParseAhead
{
    private const int MinimumStatementsForBackgroundParsing = 64;
    private const int Lookahead = 128;

    public static IEnumerable<ParsedSegment> Parse(string script, IReadOnlyList<ScriptSegment> segments) =>
        segments.Count < MinimumStatementsForBackgroundParsing ? Sequential(script, segments) : Background(script, segments);

    private static IEnumerable<ParsedSegment> Sequential(string script, IReadOnlyList<ScriptSegment> segments)
    {
        foreach (var segment in segments)
        {
            yield return ParseOne(script, segment);
        }
    }

    private static IEnumerable<ParsedSegment> Background(string script, IReadOnlyList<ScriptSegment> segments)
    {
        using var queue = new BlockingCollection<ParsedSegment>(Lookahead);
        using var stop = new CancellationTokenSource();
        var producer = Task.Run(() =>
        {
            try
            {
                foreach (var segment in segments)
                {
                    queue.Add(ParseOne(script, segment), stop.Token);
                }
            }
            finally
            {
                queue.CompleteAdding();
            }
        });

        try
        {
            foreach (var parsed in queue.GetConsumingEnumerable())
            {
                yield return parsed;
            }

            producer.GetAwaiter().GetResult();
        }
        finally
        {
            stop.Cancel();
            foreach (var unread in queue.GetConsumingEnumerable())
            {
                unread.Parsed?.Dispose();
            }

            try
            {
                producer.Wait();
            }
            catch (AggregateException ex) when (ex.InnerException is OperationCanceledException)
            {
                // Stopped early because the caller stopped reading.
            }
        }
    }

    private static ParsedSegment ParseOne(string script, ScriptSegment segment)
    {
        if (segment.Kind != SegmentKind.Statement || segment.Span.Length == 0)
        {
            return new ParsedSegment(segment, null, null);
        }

        var text = script.Substring(segment.Span.Start, segment.Span.Length);
        return new ParsedSegment(segment, text, PgQuery.PgQuery.Parse(text));
    }
}
