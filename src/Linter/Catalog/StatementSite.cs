using YbMigrate.Linter.Engine;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Catalog;

/// <summary>
/// A top-level statement as the catalog builder sees it: what makes its <see cref="StatementContext"/>,
/// made only when the statement declares something a whole-schema check reports on.
/// </summary>
internal readonly struct StatementSite
{
    private readonly SqlSource _source;
    private readonly Utf8OffsetMap _offsets;
    private readonly int _parseTextStart;
    private readonly TextSpan _span;
    private readonly int _terminatorEnd;
    private readonly Suppressions _suppressions;

    public StatementSite(SqlSource source, Utf8OffsetMap offsets, int parseTextStart, TextSpan span, int terminatorEnd, int ordinal, Suppressions suppressions)
    {
        _source = source;
        _offsets = offsets;
        _parseTextStart = parseTextStart;
        _span = span;
        _terminatorEnd = terminatorEnd;
        _suppressions = suppressions;
        Ordinal = ordinal;
    }

    /// <summary>Position of the statement in the whole input.</summary>
    public int Ordinal { get; }

    /// <summary>The statement, as the parse worker saw it, with its suppressions.</summary>
    public StatementContext Statement() =>
        new(_source, null, _offsets, _parseTextStart, _span, _terminatorEnd, Ordinal, null) { Suppressions = _suppressions };
}
