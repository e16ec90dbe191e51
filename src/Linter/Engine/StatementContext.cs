using System;
using System.Collections.Generic;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Engine;

/// <summary>A token of a statement, positioned in the source.</summary>
public readonly struct SourceToken
{
    private readonly string _parseText;
    private readonly int _parseStart;

    internal SourceToken(TokenKind kind, TextSpan span, string parseText, int parseStart)
    {
        Kind = kind;
        Span = span;
        _parseText = parseText;
        _parseStart = parseStart;
    }

    /// <summary>The token kind; keywords have their own kinds.</summary>
    public TokenKind Kind { get; }

    /// <summary>Where the token is in the source.</summary>
    public TextSpan Span { get; }

    /// <summary>The token's text (made on each call: most tokens are never read as text).</summary>
    public string Text => _parseText.Substring(_parseStart, Span.Length);

    /// <summary>
    /// True when the token names <paramref name="identifier"/>: a quoted name compares exactly (with
    /// doubled quotes as one), anything else lower-cased. Compared in place, without making the text.
    /// </summary>
    internal bool NamesIdentifier(string identifier)
    {
        int start = _parseStart, length = Span.Length;
        if (length >= 2 && _parseText[start] == '"' && _parseText[start + length - 1] == '"')
        {
            return QuotedNameEquals(_parseText, start + 1, start + length - 1, identifier);
        }

        if (length != identifier.Length)
        {
            return false; // lower-casing never changes a string's length
        }

        for (var i = 0; i < length; i++)
        {
            var c = _parseText[start + i];
            if (c >= 0x80)
            {
                return Text.ToLowerInvariant() == identifier; // beyond ASCII, as the culture-invariant rules fold it
            }

            if ((c is >= 'A' and <= 'Z' ? (char)(c + ('a' - 'A')) : c) != identifier[i])
            {
                return false;
            }
        }

        return true;
    }

    private static bool QuotedNameEquals(string text, int start, int end, string identifier)
    {
        var matched = 0;
        for (var i = start; i < end; i++)
        {
            if (text[i] == '"' && i + 1 < end && text[i + 1] == '"')
            {
                i++;
            }

            if (matched == identifier.Length || identifier[matched++] != text[i])
            {
                return false;
            }
        }

        return matched == identifier.Length;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Kind} '{Text}' {Span}";
}

/// <summary>
/// One statement being linted: a top-level statement of a source, or SQL embedded in a PL/pgSQL
/// body. Converts the parser's byte locations to source positions and gives rules its tokens.
/// </summary>
public sealed class StatementContext
{
    private readonly Utf8OffsetMap _offsets;
    private readonly int _sourceStart;
    private readonly int _syntheticPrefix;
    private readonly int _parseTextLength;
    // The list of the last tokens released on this thread, scanned into next: a thread scans one statement at a time.
    [ThreadStatic]
    private static List<Token>? _spareTokens;

    private string? _parseText;
    private SourceTokenList? _tokens;

    /// <summary>Creates a statement; <paramref name="parseText"/> is null for a top-level statement, whose text is the source's from <paramref name="parseTextStart"/>.</summary>
    internal StatementContext(SqlSource source, string? parseText, Utf8OffsetMap offsets, int parseTextStart, TextSpan span, int terminatorEnd, int ordinal, EmbeddedOrigin? embedded)
    {
        Source = source;
        _parseText = parseText;
        _parseTextLength = offsets.CharLength;
        _offsets = offsets;
        Span = span;
        TerminatorEnd = terminatorEnd;
        Ordinal = ordinal;
        Embedded = embedded;
        _sourceStart = embedded?.SourceStart ?? parseTextStart;
        _syntheticPrefix = embedded?.SyntheticPrefixLength ?? 0;
    }

    /// <summary>The source the statement belongs to.</summary>
    public SqlSource Source { get; }

    /// <summary>The text given to the parser (for embedded SQL it may start with a synthetic "SELECT ").</summary>
    public string ParseText => _parseText ??= Source.Text.Substring(_sourceStart, _parseTextLength);

    /// <summary>Where the statement is in the source (without the semicolon).</summary>
    public TextSpan Span { get; }

    /// <summary>Where the statement ends including its semicolon.</summary>
    public int TerminatorEnd { get; }

    /// <summary>Position of the top-level statement in the whole input (all sources, in order).</summary>
    public int Ordinal { get; }

    /// <summary>Set when the statement is SQL inside a PL/pgSQL body or DO block.</summary>
    public EmbeddedOrigin? Embedded { get; }

    /// <summary>The statement's suppressions, on a statement the catalog keeps for its whole-schema checks.</summary>
    internal Suppressions Suppressions { get; set; } = null!;

    /// <summary>True when positions map one-to-one to the source, so fixes can be offered.</summary>
    public bool CanFix => Embedded is null || (Embedded.SyntheticPrefixLength == 0 && Embedded.Exact);

    /// <summary>The statement's tokens (comments included), positioned in the source.</summary>
    public IReadOnlyList<SourceToken> Tokens => TokenList;

    // The same without the interface, for the searches below.
    private SourceTokenList TokenList => _tokens ??= ScanTokens();

    /// <summary>Converts a parse-tree <c>location</c> (bytes) to a char offset in the source.</summary>
    public int ToSourceOffset(int byteLocation) => ParseTextToSource(_offsets.ToCharOffset(Math.Max(byteLocation, 0)));

    /// <summary>Converts a char offset in <see cref="ParseText"/> to a char offset in the source.</summary>
    public int ParseTextToSource(int charOffset) =>
        charOffset < _syntheticPrefix ? Embedded!.AnchorOffset : _sourceStart + (charOffset - _syntheticPrefix);

    /// <summary>The span of the token at a parse-tree <c>location</c> (the statement's first token when the location is unknown).</summary>
    public TextSpan TokenSpanAt(int byteLocation)
    {
        var offset = byteLocation < 0 ? Span.Start : ToSourceOffset(byteLocation);
        var index = TokenIndexAt(offset);
        return index >= 0 ? Tokens[index].Span : new TextSpan(offset, 0);
    }

    /// <summary>The index in <see cref="Tokens"/> of the token starting at (or covering) a source offset, or -1.</summary>
    public int TokenIndexAt(int sourceOffset)
    {
        var tokens = TokenList;
        int low = 0, high = tokens.Count - 1;
        while (low <= high)
        {
            var mid = (low + high) / 2;
            var span = tokens[mid].Span;
            if (sourceOffset < span.Start)
            {
                high = mid - 1;
            }
            else if (sourceOffset >= span.End && span.Length > 0)
            {
                low = mid + 1;
            }
            else
            {
                return mid;
            }
        }

        return -1;
    }

    /// <summary>The first token of <paramref name="kind"/> at or after token <paramref name="fromIndex"/>, or -1.</summary>
    public int FindToken(TokenKind kind, int fromIndex = 0)
    {
        var tokens = TokenList;
        for (var i = Math.Max(fromIndex, 0); i < tokens.Count; i++)
        {
            if (tokens[i].Kind == kind)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// The first token at or after <paramref name="fromSourceOffset"/> that names <paramref name="identifier"/>
    /// (unquoted names compare case-folded, quoted ones exactly), or -1.
    /// </summary>
    public int FindIdentifier(string identifier, int fromSourceOffset)
    {
        var tokens = TokenList;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Span.Start >= fromSourceOffset && token.NamesIdentifier(identifier))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The token after <paramref name="index"/>, skipping comments, or -1.</summary>
    public int NextToken(int index)
    {
        for (var i = index + 1; i < Tokens.Count; i++)
        {
            if (Tokens[i].Kind != TokenKind.SQL_COMMENT && Tokens[i].Kind != TokenKind.C_COMMENT)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The token before <paramref name="index"/>, skipping comments, or -1.</summary>
    public int PreviousToken(int index)
    {
        for (var i = index - 1; i >= 0; i--)
        {
            if (Tokens[i].Kind != TokenKind.SQL_COMMENT && Tokens[i].Kind != TokenKind.C_COMMENT)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The span from the start of token <paramref name="first"/> to the end of token <paramref name="last"/>.</summary>
    public TextSpan SpanOfTokens(int first, int last) =>
        new(Tokens[first].Span.Start, Tokens[last].Span.End - Tokens[first].Span.Start);

    /// <summary>
    /// A fix that deletes the whole statement with its semicolon, and its line when nothing else is
    /// on it; comments before the statement stay. Null for embedded SQL.
    /// </summary>
    public Fix? RemoveStatement(string title)
    {
        if (Embedded is not null)
        {
            return null;
        }

        var text = Source.Text;
        int start = Span.Start, end = TerminatorEnd;
        var lineStart = start;
        while (lineStart > 0 && (text[lineStart - 1] == ' ' || text[lineStart - 1] == '\t'))
        {
            lineStart--;
        }

        var lineEnd = end;
        while (lineEnd < text.Length && (text[lineEnd] == ' ' || text[lineEnd] == '\t'))
        {
            lineEnd++;
        }

        var wholeLine = (lineStart == 0 || text[lineStart - 1] == '\n') && (lineEnd == text.Length || text[lineEnd] == '\n' || text[lineEnd] == '\r');
        if (wholeLine)
        {
            start = lineStart;
            end = lineEnd < text.Length && text[lineEnd] == '\r' ? lineEnd + 1 : lineEnd;
            end = end < text.Length && text[end] == '\n' ? end + 1 : end;
        }
        else
        {
            // Other statements share the line: take the spaces up to the next one too.
            end = lineEnd;
        }

        return new Fix(title, new[] { new TextEdit(new TextSpan(start, end - start), string.Empty) });
    }

    /// <summary>A fix that deletes tokens <paramref name="first"/>..<paramref name="last"/> and the white space after them.</summary>
    public Fix DeleteTokens(string title, int first, int last)
    {
        var start = Tokens[first].Span.Start;
        var end = Tokens[last].Span.End;
        var text = Source.Text;
        while (end < text.Length && text[end] == ' ')
        {
            end++;
        }

        if (end == text.Length || text[end] == ')' || text[end] == ',' || text[end] == ';' || text[end] == '\n' || text[end] == '\r')
        {
            // Nothing follows on the line or in the list: take the white space before instead.
            end = Tokens[last].Span.End;
            while (start > 0 && text[start - 1] == ' ')
            {
                start--;
            }
        }

        return new Fix(title, new[] { new TextEdit(new TextSpan(start, end - start), string.Empty) });
    }

    /// <summary>
    /// Drops the cached tokens (and a top-level statement's text, which the source still has) once
    /// the statement's callbacks have run: deferred checks keep the statement alive to the end of
    /// the run, and rescan only if they report.
    /// </summary>
    internal void ReleaseTokens()
    {
        if (_tokens is not null)
        {
            _spareTokens = _tokens.Scanned;
        }

        _tokens = null;
        if (Embedded is null)
        {
            _parseText = null;
        }
    }

    // A top-level statement is scanned in place in its source; embedded SQL in its own parse text.
    private SourceTokenList ScanTokens()
    {
        var scanned = _spareTokens ?? new List<Token>();
        _spareTokens = null;
        if (Embedded is null)
        {
            PgQuery.PgQuery.ScanInto(Source.Text, _sourceStart, _parseTextLength, scanned);
            return new SourceTokenList(scanned, 0, _sourceStart, Source.Text, _sourceStart);
        }

        PgQuery.PgQuery.ScanInto(ParseText, 0, ParseText.Length, scanned);
        return new SourceTokenList(scanned, _syntheticPrefix, _sourceStart - _syntheticPrefix, ParseText, 0);
    }
}

/// <summary>
/// A scan's tokens seen from the source: positions shifted, and the tokens of a synthetic prefix
/// (the "SELECT " put before a PL/pgSQL expression) left out. Each <see cref="SourceToken"/> is
/// made when read: most tokens of a scan are never read.
/// </summary>
internal sealed class SourceTokenList : IReadOnlyList<SourceToken>
{
    private readonly int _first;
    private readonly int _shift;
    private readonly string _text;
    private readonly int _textShift;

    /// <summary>
    /// Over <paramref name="scanned"/>, from its first token at or after <paramref name="prefixLength"/>;
    /// a token at offset o is at <paramref name="shift"/> + o in the source and at
    /// <paramref name="textShift"/> + o in <paramref name="text"/>.
    /// </summary>
    public SourceTokenList(List<Token> scanned, int prefixLength, int shift, string text, int textShift)
    {
        Scanned = scanned;
        while (_first < scanned.Count && scanned[_first].Span.Start < prefixLength)
        {
            _first++;
        }

        _shift = shift;
        _text = text;
        _textShift = textShift;
    }

    /// <summary>The scanner's tokens, for reuse once the statement lets them go.</summary>
    public List<Token> Scanned { get; }

    public int Count => Scanned.Count - _first;

    public SourceToken this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(index));
            }

            var token = Scanned[_first + index];
            return new SourceToken(token.Kind, new TextSpan(token.Span.Start + _shift, token.Span.Length), _text, token.Span.Start + _textShift);
        }
    }

    public IEnumerator<SourceToken> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>Where embedded SQL came from.</summary>
public sealed class EmbeddedOrigin
{
    internal EmbeddedOrigin(string container, int sourceStart, int syntheticPrefixLength, int anchorOffset, bool exact)
    {
        Container = container;
        SourceStart = sourceStart;
        SyntheticPrefixLength = syntheticPrefixLength;
        AnchorOffset = anchorOffset;
        Exact = exact;
    }

    /// <summary>What holds the SQL, e.g. "function f" or "DO block".</summary>
    public string Container { get; }

    /// <summary>Source offset of the first character after the synthetic prefix.</summary>
    public int SourceStart { get; }

    /// <summary>Length of the text the engine put before the SQL (e.g. "SELECT " for PERFORM).</summary>
    public int SyntheticPrefixLength { get; }

    /// <summary>Source offset that positions inside the synthetic prefix map to.</summary>
    public int AnchorOffset { get; }

    /// <summary>False when the SQL could not be located exactly in the body (positions approximate).</summary>
    public bool Exact { get; }
}
