using System;
using System.Collections.Generic;

namespace YbMigrate.PgQuery;

/// <summary>
/// The PostgreSQL 15 parser, through libpg_query. Every call is thread-safe (libpg_query keeps
/// its memory context per thread) and frees the native result before returning, on every path.
/// Positions in results are char offsets into the given text.
/// </summary>
public static unsafe class PgQuery
{
    private delegate T NativeCall<T>(byte* input);

    /// <summary>Parses SQL into libpg_query's parse tree (read from its JSON output).</summary>
    public static ParseResult Parse(string sql) => Parse(sql, 0, sql.Length);

    /// <summary>
    /// Parses the <paramref name="length"/> chars of <paramref name="text"/> from <paramref name="start"/>
    /// (a statement of a script) without copying them out; positions in the result are relative to
    /// <paramref name="start"/>, as if that part had been given alone.
    /// </summary>
    public static ParseResult Parse(string text, int start, int length)
    {
        var offsets = Utf8OffsetMap.For(text, start, length);
        var library = NativeMethods.Library;
        var input = Utf8OffsetMap.EncodeNullTerminatedPooled(text, start, length);
        NativeParseResult result;
        try
        {
            fixed (byte* bytes = input)
            {
                result = library.Parse(bytes);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(input);
        }

        try
        {
            if (result.Error != IntPtr.Zero)
            {
                return new ParseResult(null, Array.Empty<RawStatement>(), PgQueryError.FromNative(result.Error, text.Substring(start, length)), offsets);
            }

            var tree = ParseTree.Read(result.ParseTree);
            return new ParseResult(tree, ReadStatements(tree.Root, offsets), null, offsets);
        }
        finally
        {
            library.FreeParse(result);
        }
    }

    /// <summary>Parses the PL/pgSQL body of a CREATE FUNCTION / CREATE PROCEDURE statement.</summary>
    public static PlpgsqlParseResult ParsePlpgsql(string createFunctionSql)
    {
        var library = NativeMethods.Library;
        return Call(createFunctionSql, library.ParsePlpgsql.Invoke, library.FreePlpgsql.Invoke, r => r.Error, (r, error) =>
            error is not null
                ? new PlpgsqlParseResult(null, error)
                : new PlpgsqlParseResult(ParseTree.Read(r.Functions), null));
    }

    /// <summary>
    /// Splits a text into tokens, comments included. Text made only of common tokens is scanned in
    /// managed code with the same result (<see cref="CommonSqlScanner"/>); the rest by libpg_query.
    /// </summary>
    public static ScanResult Scan(string sql) =>
        CommonSqlScanner.TryScan(sql) is { } tokens ? new ScanResult(tokens, null) : ScanNative(sql);

    /// <summary>
    /// Scans the <paramref name="length"/> chars of <paramref name="text"/> from <paramref name="start"/>
    /// (a statement of a script) as if given alone, into <paramref name="tokens"/> (cleared first), for
    /// a caller that reuses one list from statement to statement: spans are relative to
    /// <paramref name="start"/>. The managed scanner reads the text in place; only text it leaves to
    /// libpg_query is copied out. Returns the scanner's error, or null.
    /// </summary>
    public static PgQueryError? ScanInto(string text, int start, int length, List<Token> tokens)
    {
        tokens.Clear();
        if (CommonSqlScanner.TryScan(text.AsSpan(start, length), tokens))
        {
            return null;
        }

        tokens.Clear();
        var native = ScanNative(text.Substring(start, length));
        tokens.AddRange(native.Tokens);
        return native.Error;
    }

    /// <summary>libpg_query's scanner (pg_query_scan), always.</summary>
    internal static ScanResult ScanNative(string sql)
    {
        var library = NativeMethods.Library;
        return Call(sql, library.Scan.Invoke, library.FreeScan.Invoke, r => r.Error, (r, error) =>
        {
            if (error is not null)
            {
                return new ScanResult(Array.Empty<Token>(), error);
            }

            var protobuf = new ReadOnlySpan<byte>((byte*)r.Protobuf.Data, checked((int)r.Protobuf.Length.ToUInt64()));
            return new ScanResult(ScanResultReader.ReadTokens(protobuf, Utf8OffsetMap.For(sql)), null);
        });
    }

    /// <summary>
    /// libpg_query's scanner-based split. Note that it leaves out a statement made only of
    /// identifiers (a typo such as <c>selec 1;</c>): the linter splits scripts with its own
    /// psql-aware splitter instead.
    /// </summary>
    public static SplitResult Split(string sql) => Split(sql, usingParser: false);

    /// <summary>Splits a script into statements with the full parser (more exact; fails on any syntax error).</summary>
    public static SplitResult SplitWithParser(string sql) => Split(sql, usingParser: true);

    /// <summary>Fingerprints a query: queries differing only in constants share a fingerprint.</summary>
    public static FingerprintResult Fingerprint(string sql)
    {
        var library = NativeMethods.Library;
        return Call(sql, library.Fingerprint.Invoke, library.FreeFingerprint.Invoke, r => r.Error, (r, error) =>
            error is not null
                ? new FingerprintResult(0, null, error)
                : new FingerprintResult(r.Fingerprint, NativeText.Read(r.FingerprintText), null));
    }

    /// <summary>Replaces the constants of a query with <c>$n</c> placeholders.</summary>
    public static NormalizeResult Normalize(string sql)
    {
        var library = NativeMethods.Library;
        return Call(sql, library.Normalize.Invoke, library.FreeNormalize.Invoke, r => r.Error, (r, error) =>
            error is not null
                ? new NormalizeResult(null, error)
                : new NormalizeResult(NativeText.Read(r.NormalizedQuery), null));
    }

    /// <summary>
    /// pg_query_parse alone (encode, parse, free) without reading the tree: the raw parser cost
    /// that the lint benchmark compares the linter against.
    /// </summary>
    internal static bool ParseOnly(string sql)
    {
        var library = NativeMethods.Library;
        return Call(sql, library.Parse.Invoke, library.FreeParse.Invoke, r => r.Error, (_, error) => error is null);
    }

    /// <summary>
    /// pg_query_parse_protobuf alone: the parser with protobuf output instead of JSON text, measured by
    /// the benchmark as the floor a tree read from protobuf could reach.
    /// </summary>
    internal static bool ParseProtobufOnly(string sql)
    {
        var library = NativeMethods.Library;
        return Call(sql, library.ParseProtobuf.Invoke, library.FreeProtobufParse.Invoke, r => r.Error, (_, error) => error is null);
    }

    private static SplitResult Split(string sql, bool usingParser)
    {
        var library = NativeMethods.Library;
        var split = usingParser ? library.SplitWithParser : library.SplitWithScanner;
        return Call(sql, split.Invoke, library.FreeSplit.Invoke, r => r.Error, (r, error) =>
        {
            if (error is not null)
            {
                return new SplitResult(Array.Empty<TextSpan>(), error);
            }

            var offsets = Utf8OffsetMap.For(sql);
            var spans = new TextSpan[r.StatementCount];
            var statements = (NativeSplitStatement**)r.Statements;
            for (var i = 0; i < spans.Length; i++)
            {
                spans[i] = ToCharSpan(offsets, statements[i]->Location, statements[i]->Length);
            }

            return new SplitResult(spans, null);
        });
    }

    // Encodes the input as NUL-terminated UTF-8, calls libpg_query, converts, and frees the native result on every path.
    private static TResult Call<TNative, TResult>(string sql, NativeCall<TNative> call, Action<TNative> free, Func<TNative, IntPtr> errorOf, Func<TNative, PgQueryError?, TResult> convert)
    {
        var input = Utf8OffsetMap.EncodeNullTerminated(sql);
        TNative result;
        fixed (byte* text = input)
        {
            result = call(text);
        }

        try
        {
            return convert(result, PgQueryError.FromNative(errorOf(result), sql));
        }
        finally
        {
            free(result);
        }
    }

    private static RawStatement[] ReadStatements(ParseElement root, Utf8OffsetMap offsets)
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
            statements[index++] = new RawStatement(entry.TryGetProperty("stmt", out var stmt) ? stmt : default, ToCharSpan(offsets, location, length));
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
