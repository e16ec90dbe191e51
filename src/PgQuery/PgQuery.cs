using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace YbMigrate.PgQuery;

/// <summary>
/// The PostgreSQL 15 parser, through libpg_query. Every call is thread-safe (libpg_query keeps
/// its memory context per thread) and frees the native result before returning, on every path.
/// Positions in results are char offsets into the given text.
/// </summary>
public static unsafe class PgQuery
{
    /// <summary>Parses SQL into libpg_query's JSON parse tree.</summary>
    public static ParseResult Parse(string sql)
    {
        var offsets = Utf8OffsetMap.For(sql);
        var input = Utf8OffsetMap.EncodeNullTerminated(sql);
        var library = NativeMethods.Library;
        NativeParseResult result;
        fixed (byte* text = input)
        {
            result = library.Parse(text);
        }

        try
        {
            var error = PgQueryError.FromNative(result.Error, offsets);
            if (error is not null)
            {
                return new ParseResult(null, Array.Empty<RawStatement>(), error, offsets);
            }

            var document = JsonDocument.Parse(NativeText.Copy(result.ParseTree));
            return new ParseResult(document, ReadStatements(document.RootElement, offsets), null, offsets);
        }
        finally
        {
            library.FreeParse(result);
        }
    }

    /// <summary>Parses the PL/pgSQL body of a CREATE FUNCTION / CREATE PROCEDURE statement.</summary>
    public static PlpgsqlParseResult ParsePlpgsql(string createFunctionSql)
    {
        var offsets = Utf8OffsetMap.For(createFunctionSql);
        var input = Utf8OffsetMap.EncodeNullTerminated(createFunctionSql);
        var library = NativeMethods.Library;
        NativePlpgsqlParseResult result;
        fixed (byte* text = input)
        {
            result = library.ParsePlpgsql(text);
        }

        try
        {
            var error = PgQueryError.FromNative(result.Error, offsets);
            return error is not null
                ? new PlpgsqlParseResult(null, error)
                : new PlpgsqlParseResult(JsonDocument.Parse(NativeText.Copy(result.Functions)), null);
        }
        finally
        {
            library.FreePlpgsql(result);
        }
    }

    /// <summary>Splits a text into tokens, comments included.</summary>
    public static ScanResult Scan(string sql)
    {
        var offsets = Utf8OffsetMap.For(sql);
        var input = Utf8OffsetMap.EncodeNullTerminated(sql);
        var library = NativeMethods.Library;
        NativeScanResult result;
        fixed (byte* text = input)
        {
            result = library.Scan(text);
        }

        try
        {
            var error = PgQueryError.FromNative(result.Error, offsets);
            if (error is not null)
            {
                return new ScanResult(Array.Empty<Token>(), error);
            }

            var protobuf = new ReadOnlySpan<byte>((byte*)result.Protobuf.Data, checked((int)result.Protobuf.Length.ToUInt64()));
            return new ScanResult(ScanResultReader.ReadTokens(protobuf, offsets), null);
        }
        finally
        {
            library.FreeScan(result);
        }
    }

    /// <summary>
    /// Splits a script into statements with the scanner, which tolerates statements that do
    /// not parse (use it for scripts that may contain errors).
    /// </summary>
    public static SplitResult Split(string sql) => Split(sql, usingParser: false);

    /// <summary>Splits a script into statements with the full parser (more exact; fails on any syntax error).</summary>
    public static SplitResult SplitWithParser(string sql) => Split(sql, usingParser: true);

    /// <summary>Fingerprints a query: queries differing only in constants share a fingerprint.</summary>
    public static FingerprintResult Fingerprint(string sql)
    {
        var offsets = Utf8OffsetMap.For(sql);
        var input = Utf8OffsetMap.EncodeNullTerminated(sql);
        var library = NativeMethods.Library;
        NativeFingerprintResult result;
        fixed (byte* text = input)
        {
            result = library.Fingerprint(text);
        }

        try
        {
            var error = PgQueryError.FromNative(result.Error, offsets);
            return error is not null
                ? new FingerprintResult(0, null, error)
                : new FingerprintResult(result.Fingerprint, NativeText.Read(result.FingerprintText), null);
        }
        finally
        {
            library.FreeFingerprint(result);
        }
    }

    /// <summary>Replaces the constants of a query with <c>$n</c> placeholders.</summary>
    public static NormalizeResult Normalize(string sql)
    {
        var offsets = Utf8OffsetMap.For(sql);
        var input = Utf8OffsetMap.EncodeNullTerminated(sql);
        var library = NativeMethods.Library;
        NativeNormalizeResult result;
        fixed (byte* text = input)
        {
            result = library.Normalize(text);
        }

        try
        {
            var error = PgQueryError.FromNative(result.Error, offsets);
            return error is not null
                ? new NormalizeResult(null, error)
                : new NormalizeResult(NativeText.Read(result.NormalizedQuery), null);
        }
        finally
        {
            library.FreeNormalize(result);
        }
    }

    private static SplitResult Split(string sql, bool usingParser)
    {
        var offsets = Utf8OffsetMap.For(sql);
        var input = Utf8OffsetMap.EncodeNullTerminated(sql);
        var library = NativeMethods.Library;
        NativeSplitResult result;
        fixed (byte* text = input)
        {
            result = usingParser ? library.SplitWithParser(text) : library.SplitWithScanner(text);
        }

        try
        {
            var error = PgQueryError.FromNative(result.Error, offsets);
            if (error is not null)
            {
                return new SplitResult(Array.Empty<TextSpan>(), error);
            }

            var spans = new TextSpan[result.StatementCount];
            var statements = (NativeSplitStatement**)result.Statements;
            for (var i = 0; i < spans.Length; i++)
            {
                var statement = *statements[i];
                spans[i] = ToCharSpan(offsets, statement.Location, statement.Length);
            }

            return new SplitResult(spans, null);
        }
        finally
        {
            library.FreeSplit(result);
        }
    }

    private static RawStatement[] ReadStatements(JsonElement root, Utf8OffsetMap offsets)
    {
        if (!root.TryGetProperty("stmts", out var stmts))
        {
            return Array.Empty<RawStatement>();
        }

        var statements = new RawStatement[stmts.GetArrayLength()];
        var index = 0;
        foreach (var entry in stmts.EnumerateArray())
        {
            // Protobuf-style JSON omits zero fields: no stmt_location means 0, no stmt_len means "to the end".
            var location = entry.TryGetProperty("stmt_location", out var l) ? l.GetInt32() : 0;
            var length = entry.TryGetProperty("stmt_len", out var n) ? n.GetInt32() : offsets.ByteLength - location;
            statements[index++] = new RawStatement(entry.GetProperty("stmt"), ToCharSpan(offsets, location, length));
        }

        return statements;
    }

    private static TextSpan ToCharSpan(Utf8OffsetMap offsets, int byteStart, int byteLength)
    {
        var start = offsets.ToCharOffset(byteStart);
        return new TextSpan(start, offsets.ToCharOffset(byteStart + byteLength) - start);
    }
}

/// <summary>Decodes the ScanResult protobuf message (pg_query.proto): only the fields the binding uses.</summary>
internal static class ScanResultReader
{
    private const int WireVarint = 0;
    private const int WireLengthDelimited = 2;

    public static List<Token> ReadTokens(ReadOnlySpan<byte> message, Utf8OffsetMap offsets)
    {
        var tokens = new List<Token>();
        var position = 0;
        while (position < message.Length)
        {
            var tag = ReadVarint(message, ref position);
            var field = (int)(tag >> 3);
            var wire = (int)(tag & 7);
            if (field == 2 && wire == WireLengthDelimited)
            {
                var length = (int)ReadVarint(message, ref position);
                tokens.Add(ReadToken(message.Slice(position, length), offsets));
                position += length;
            }
            else
            {
                Skip(message, wire, ref position);
            }
        }

        return tokens;
    }

    private static Token ReadToken(ReadOnlySpan<byte> message, Utf8OffsetMap offsets)
    {
        int start = 0, end = 0, kind = 0, keyword = 0;
        var position = 0;
        while (position < message.Length)
        {
            var tag = ReadVarint(message, ref position);
            var wire = (int)(tag & 7);
            if (wire != WireVarint)
            {
                Skip(message, wire, ref position);
                continue;
            }

            var value = (int)ReadVarint(message, ref position);
            switch (tag >> 3)
            {
                case 1: start = value; break;
                case 2: end = value; break;
                case 4: kind = value; break;
                case 5: keyword = value; break;
            }
        }

        var charStart = offsets.ToCharOffset(start);
        return new Token((TokenKind)kind, (KeywordKind)keyword, new TextSpan(charStart, offsets.ToCharOffset(end) - charStart));
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> message, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = message[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new FormatException("Malformed varint in libpg_query scan result.");
    }

    private static void Skip(ReadOnlySpan<byte> message, int wire, ref int position)
    {
        switch (wire)
        {
            case WireVarint: ReadVarint(message, ref position); break;
            case 1: position += 8; break;
            case WireLengthDelimited: position += (int)ReadVarint(message, ref position); break;
            case 5: position += 4; break;
            default: throw new FormatException($"Unsupported protobuf wire type {wire} in libpg_query scan result.");
        }
    }
}
