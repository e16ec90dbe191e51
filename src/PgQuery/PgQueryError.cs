using System;
using System.Runtime.InteropServices;

namespace YbMigrate.PgQuery;

/// <summary>An error reported by the PostgreSQL parser or scanner.</summary>
public sealed class PgQueryError
{
    /// <summary>Creates an error.</summary>
    public PgQueryError(string message, int position, string? context)
    {
        Message = message;
        Position = position;
        Context = context;
    }

    /// <summary>The parser's message, e.g. <c>syntax error at or near "TABEL"</c>.</summary>
    public string Message { get; }

    /// <summary>Char offset into the input where the error was detected, or -1 when the parser gave none.</summary>
    public int Position { get; }

    /// <summary>Extra context (PL/pgSQL line information), when the parser gave some.</summary>
    public string? Context { get; }

    /// <inheritdoc />
    public override string ToString() => Position >= 0 ? $"{Message} (at offset {Position})" : Message;

    internal static PgQueryError? FromNative(IntPtr error, string input)
    {
        if (error == IntPtr.Zero)
        {
            return null;
        }

        var native = Marshal.PtrToStructure<NativeError>(error);
        // cursorpos is 1-based and counts characters (code points, as PostgreSQL's pg_mbstrlen does); 0 means none.
        var position = native.CursorPosition > 0 ? CodePointsToChars(input, native.CursorPosition - 1) : -1;
        return new PgQueryError(
            NativeText.Read(native.Message) ?? "unknown parser error",
            position,
            NativeText.Read(native.Context));
    }

    private static int CodePointsToChars(string text, int codePoints)
    {
        var chars = 0;
        for (var seen = 0; seen < codePoints && chars < text.Length; seen++)
        {
            chars += char.IsHighSurrogate(text[chars]) && chars + 1 < text.Length && char.IsLowSurrogate(text[chars + 1]) ? 2 : 1;
        }

        return chars;
    }
}

internal static unsafe class NativeText
{
    public static string? Read(IntPtr utf8)
    {
        if (utf8 == IntPtr.Zero)
        {
            return null;
        }

        var bytes = (byte*)utf8;
        var length = Length(bytes);
        return System.Text.Encoding.UTF8.GetString(bytes, length);
    }

    /// <summary>The byte length of a NUL-terminated string.</summary>
    public static int Length(IntPtr utf8) => Length((byte*)utf8);

    // A word at a time once aligned (libpg_query's JSON runs to kilobytes per statement): an aligned
    // 8-byte read never crosses into the next page, so it cannot fault past the terminator.
    private static int Length(byte* bytes)
    {
        const ulong ones = 0x0101010101010101UL;
        const ulong highBits = 0x8080808080808080UL;
        var at = bytes;
        while (((ulong)at & 7) != 0)
        {
            if (*at == 0)
            {
                return (int)(at - bytes);
            }

            at++;
        }

        // (word - ones) & ~word & highBits is nonzero exactly when the word holds a zero byte.
        while (((*(ulong*)at - ones) & ~*(ulong*)at & highBits) == 0)
        {
            at += 8;
        }

        while (*at != 0)
        {
            at++;
        }

        return checked((int)(at - bytes));
    }
}
