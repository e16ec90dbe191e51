using YbMigrate.Linter.Scripts;

namespace YbMigrate.Linter.Engine;

/// <summary>
/// The segments of a script as a lint run reads them, each with the run's number of its statement:
/// split on the consuming thread a little ahead of the parse workers (<see cref="ParseAhead"/>), so
/// that splitting a long script overlaps parsing it instead of coming before it.
/// </summary>
internal sealed class ScriptSegments : IItemSource
{
    // Split segments are copied into chunks that never move: a worker reads a published segment while the next ones are
    // added. A chunk stays below the size of the large-object heap, which a collection of the young objects does not reclaim.
    private const int ChunkSize = 2048;

    private readonly PsqlScriptSplitter.Splitter _splitter;
    private readonly NumberedSegment[]?[] _chunks;

    /// <summary>Splits <paramref name="text"/>, numbering its statements from <paramref name="firstOrdinal"/> on.</summary>
    public ScriptSegments(string text, int firstOrdinal)
    {
        _splitter = new PsqlScriptSplitter.Splitter(text);
        // A segment takes at least one character, but for the data of a COPY statement that ends the text.
        _chunks = new NumberedSegment[]?[(text.Length + 1) / ChunkSize + 1];
        NextOrdinal = firstOrdinal;
    }

    public int Count { get; private set; }

    public bool Complete => _splitter.Done && _splitter.Segments.Count == 0;

    /// <summary>The number the next statement found will have: after the last segment, the run's count of statements so far.</summary>
    public int NextOrdinal { get; private set; }

    public void ReadAhead(int count)
    {
        _splitter.ReadUntil(count);
        foreach (var segment in _splitter.Segments)
        {
            (_chunks[Count / ChunkSize] ??= new NumberedSegment[ChunkSize])[Count % ChunkSize] = new NumberedSegment(segment, NextOrdinal);
            Count++;
            if (segment.Kind == SegmentKind.Statement && segment.Span.Length > 0)
            {
                NextOrdinal++;
            }
        }

        _splitter.Forget();
    }

    /// <summary>Segment <paramref name="index"/> (one already published to the reading thread).</summary>
    public ScriptSegment Segment(int index) => _chunks[index / ChunkSize]![index % ChunkSize].Segment;

    /// <summary>The run's number of the statement of segment <paramref name="index"/> (meta-commands and COPY data share the next one's).</summary>
    public int Ordinal(int index) => _chunks[index / ChunkSize]![index % ChunkSize].Ordinal;

    private readonly struct NumberedSegment
    {
        public NumberedSegment(ScriptSegment segment, int ordinal)
        {
            Segment = segment;
            Ordinal = ordinal;
        }

        public ScriptSegment Segment { get; }

        public int Ordinal { get; }
    }
}
