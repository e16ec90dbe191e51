using System;
using System.Collections.Generic;

namespace YbMigrate.PgQuery;

/// <summary>A span of chars in the parsed text.</summary>
public readonly struct TextSpan : IEquatable<TextSpan>
{
    /// <summary>Creates a span.</summary>
    public TextSpan(int start, int length)
    {
        Start = start;
        Length = length;
    }

    /// <summary>Char offset of the first character.</summary>
    public int Start { get; }

    /// <summary>Length in chars.</summary>
    public int Length { get; }

    /// <summary>Char offset just past the span.</summary>
    public int End => Start + Length;

    /// <inheritdoc />
    public bool Equals(TextSpan other) => Start == other.Start && Length == other.Length;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is TextSpan other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => (Start * 397) ^ Length;

    /// <inheritdoc />
    public override string ToString() => $"[{Start}..{End})";
}

/// <summary>
/// The raw parse tree of a text, in the shape of libpg_query's JSON. Node <c>location</c> fields
/// are byte offsets: convert them with <see cref="ToCharOffset"/>. Dispose to return the tree's buffers.
/// </summary>
public sealed class ParseResult : IDisposable
{
    private readonly ParseTree? _tree;

    internal ParseResult(ParseTree? tree, IReadOnlyList<RawStatement> statements, PgQueryError? error, Utf8OffsetMap offsets)
    {
        _tree = tree;
        Statements = statements;
        Error = error;
        Offsets = offsets;
    }

    /// <summary>The statements, in order; empty when <see cref="Error"/> is set.</summary>
    public IReadOnlyList<RawStatement> Statements { get; }

    /// <summary>The parse error, or null when the text parsed.</summary>
    public PgQueryError? Error { get; }

    /// <summary>Byte/char offset conversion for the parsed text.</summary>
    public Utf8OffsetMap Offsets { get; }

    /// <summary>The whole tree: <c>{"version":..,"stmts":[..]}</c>; default when the parse failed.</summary>
    public ParseElement Root => _tree?.Root ?? default;

    /// <summary>Converts a <c>location</c> from the tree to a char offset into the parsed text.</summary>
    public int ToCharOffset(int byteOffset) => Offsets.ToCharOffset(byteOffset);

    /// <inheritdoc />
    public void Dispose() => _tree?.Dispose();
}

/// <summary>One top-level statement of a parse tree.</summary>
public readonly struct RawStatement
{
    internal RawStatement(ParseElement node, TextSpan span)
    {
        Node = node;
        Span = span;
    }

    /// <summary>The statement node, e.g. <c>{"CreateStmt":{...}}</c>.</summary>
    public ParseElement Node { get; }

    /// <summary>Where the statement is in the parsed text (chars), without the trailing semicolon.</summary>
    public TextSpan Span { get; }
}

/// <summary>The PL/pgSQL parse of a CREATE FUNCTION / CREATE PROCEDURE statement.</summary>
public sealed class PlpgsqlParseResult : IDisposable
{
    private readonly ParseTree? _tree;

    internal PlpgsqlParseResult(ParseTree? tree, PgQueryError? error)
    {
        _tree = tree;
        Error = error;
    }

    /// <summary>The functions as a list of <c>PLpgSQL_function</c> nodes; default on error.</summary>
    public ParseElement Functions => _tree?.Root ?? default;

    /// <summary>The parse error, or null.</summary>
    public PgQueryError? Error { get; }

    /// <inheritdoc />
    public void Dispose() => _tree?.Dispose();
}

/// <summary>A lexical token with its position in chars.</summary>
public readonly struct Token
{
    internal Token(TokenKind kind, KeywordKind keywordKind, TextSpan span)
    {
        Kind = kind;
        KeywordKind = keywordKind;
        Span = span;
    }

    /// <summary>The token kind (keywords have their own kinds, e.g. <see cref="TokenKind.UNLOGGED"/>).</summary>
    public TokenKind Kind { get; }

    /// <summary>Whether and how the token is a keyword.</summary>
    public KeywordKind KeywordKind { get; }

    /// <summary>The token's text range.</summary>
    public TextSpan Span { get; }

    /// <summary>The token's text.</summary>
    public string Text(string source) => source.Substring(Span.Start, Span.Length);

    /// <inheritdoc />
    public override string ToString() => $"{Kind} {Span}";
}

/// <summary>Keyword categories, as in PostgreSQL's kwlist.h.</summary>
public enum KeywordKind
{
    /// <summary>Not a keyword.</summary>
    None = 0,

    /// <summary>Unreserved keyword.</summary>
    Unreserved = 1,

    /// <summary>Keyword usable as a column name.</summary>
    ColumnName = 2,

    /// <summary>Keyword usable as a type or function name.</summary>
    TypeOrFunctionName = 3,

    /// <summary>Reserved keyword.</summary>
    Reserved = 4,
}

/// <summary>Tokens of a text, or the scanner's error (e.g. an unterminated quoted string).</summary>
public sealed class ScanResult
{
    internal ScanResult(IReadOnlyList<Token> tokens, PgQueryError? error)
    {
        Tokens = tokens;
        Error = error;
    }

    /// <summary>The tokens, comments included; empty on error.</summary>
    public IReadOnlyList<Token> Tokens { get; }

    /// <summary>The scanner error, or null.</summary>
    public PgQueryError? Error { get; }
}

/// <summary>Statement ranges of a script.</summary>
public sealed class SplitResult
{
    internal SplitResult(IReadOnlyList<TextSpan> statements, PgQueryError? error)
    {
        Statements = statements;
        Error = error;
    }

    /// <summary>Each statement's range (leading comments and white space included, the semicolon not).</summary>
    public IReadOnlyList<TextSpan> Statements { get; }

    /// <summary>The error that stopped splitting, or null.</summary>
    public PgQueryError? Error { get; }
}

/// <summary>A query's fingerprint: equal for queries that differ only in constants and formatting.</summary>
public sealed class FingerprintResult
{
    internal FingerprintResult(ulong value, string? text, PgQueryError? error)
    {
        Value = value;
        Text = text;
        Error = error;
    }

    /// <summary>The 64-bit fingerprint.</summary>
    public ulong Value { get; }

    /// <summary>The fingerprint as 16 hex digits; null on error.</summary>
    public string? Text { get; }

    /// <summary>The parse error, or null.</summary>
    public PgQueryError? Error { get; }
}

/// <summary>A query with its constants replaced by <c>$n</c> placeholders.</summary>
public sealed class NormalizeResult
{
    internal NormalizeResult(string? query, PgQueryError? error)
    {
        Query = query;
        Error = error;
    }

    /// <summary>The normalized query; null on error.</summary>
    public string? Query { get; }

    /// <summary>The parse error, or null.</summary>
    public PgQueryError? Error { get; }
}
