using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace YbMigrationAnalyzers;

/// <summary>
/// Decodes C# string literal tokens char by char, keeping for every char of the value the range of
/// source text that produced it: escapes (<c>\n</c>, <c>\u00e9</c>), <c>""</c> in verbatim strings,
/// <c>{{</c> in interpolated ones, and the indentation that raw strings drop. The result is checked
/// against the compiler's own value (<see cref="SyntaxToken.ValueText"/>); when they differ the
/// value is kept and every char maps to the whole token, so a span can be coarse but never wrong.
/// </summary>
internal static class LiteralDecoder
{
    /// <summary>Appends the value of a string literal token (regular, verbatim, raw, UTF-8).</summary>
    public static void AppendLiteral(SqlText sql, SyntaxToken token, int group)
    {
        var decoded = new List<(char C, int Start, int End)>();
        var text = token.Text;
        var kind = token.Kind();
        var utf8 = kind is SyntaxKind.Utf8StringLiteralToken or SyntaxKind.Utf8SingleLineRawStringLiteralToken or SyntaxKind.Utf8MultiLineRawStringLiteralToken;
        var end = utf8 && text.Length >= 2 ? text.Length - 2 : text.Length;
        try
        {
            switch (kind)
            {
                case SyntaxKind.StringLiteralToken:
                case SyntaxKind.Utf8StringLiteralToken:
                    if (text.StartsWith("@", StringComparison.Ordinal))
                    {
                        DecodeVerbatim(text, 2, end - 1, braces: false, decoded);
                    }
                    else
                    {
                        DecodeRegular(text, 1, end - 1, braces: false, decoded);
                    }

                    break;
                case SyntaxKind.SingleLineRawStringLiteralToken:
                case SyntaxKind.Utf8SingleLineRawStringLiteralToken:
                {
                    var quotes = CountQuotes(text, 0);
                    Plain(text, quotes, end - quotes, decoded);
                    break;
                }

                case SyntaxKind.MultiLineRawStringLiteralToken:
                case SyntaxKind.Utf8MultiLineRawStringLiteralToken:
                    DecodeMultiLineRaw(text, end, decoded);
                    break;
                default:
                    decoded = null;
                    break;
            }
        }
        catch (Exception e) when (e is ArgumentException or IndexOutOfRangeException or FormatException)
        {
            decoded = null;
        }

        Emit(sql, token, token.ValueText, decoded, group);
    }

    /// <summary>Appends the literal text between the holes of an interpolated string.</summary>
    public static void AppendInterpolatedText(SqlText sql, InterpolatedStringTextSyntax part, int group)
    {
        var token = part.TextToken;
        var owner = part.Parent as InterpolatedStringExpressionSyntax;
        var decoded = new List<(char C, int Start, int End)>();
        var text = token.Text;
        try
        {
            switch (owner?.StringStartToken.Kind())
            {
                case SyntaxKind.InterpolatedStringStartToken:
                    DecodeRegular(text, 0, text.Length, braces: true, decoded);
                    break;
                case SyntaxKind.InterpolatedVerbatimStringStartToken:
                    DecodeVerbatim(text, 0, text.Length, braces: true, decoded);
                    break;
                case SyntaxKind.InterpolatedSingleLineRawStringStartToken:
                    Plain(text, 0, text.Length, decoded);
                    break;
                case SyntaxKind.InterpolatedMultiLineRawStringStartToken:
                    DecodeInterpolatedRawLines(token, owner!, decoded);
                    break;
                default:
                    decoded = null;
                    break;
            }
        }
        catch (Exception e) when (e is ArgumentException or IndexOutOfRangeException or FormatException)
        {
            decoded = null;
        }

        Emit(sql, token, token.ValueText, decoded, group);
    }

    private static void Emit(SqlText sql, SyntaxToken token, string value, List<(char C, int Start, int End)>? decoded, int group)
    {
        var tree = token.SyntaxTree!;
        var offset = token.SpanStart;
        if (decoded is not null && decoded.Count >= value.Length && Matches(decoded, value))
        {
            for (var i = 0; i < value.Length; i++)
            {
                var (c, start, end) = decoded[i];
                sql.Append(c, new CharOrigin(tree, offset + start, offset + end, group));
            }

            return;
        }

        sql.AppendCoarse(value, tree, token.Span, group);
    }

    // A prefix match: the last line break before a raw string's closing quotes may sit in the
    // decoded text but not in the value.
    private static bool Matches(List<(char C, int Start, int End)> decoded, string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (decoded[i].C != value[i])
            {
                return false;
            }
        }

        for (var i = value.Length; i < decoded.Count; i++)
        {
            if (!char.IsWhiteSpace(decoded[i].C))
            {
                return false;
            }
        }

        return true;
    }

    private static int CountQuotes(string text, int from)
    {
        var i = from;
        while (i < text.Length && text[i] == '"')
        {
            i++;
        }

        return i - from;
    }

    private static void Plain(string text, int from, int to, List<(char, int, int)> output)
    {
        for (var i = from; i < to; i++)
        {
            output.Add((text[i], i, i + 1));
        }
    }

    private static void DecodeVerbatim(string text, int from, int to, bool braces, List<(char, int, int)> output)
    {
        for (var i = from; i < to; i++)
        {
            var c = text[i];
            if ((c == '"' || braces && (c == '{' || c == '}')) && i + 1 < to && text[i + 1] == c)
            {
                output.Add((c, i, i + 2));
                i++;
                continue;
            }

            output.Add((c, i, i + 1));
        }
    }

    private static void DecodeRegular(string text, int from, int to, bool braces, List<(char, int, int)> output)
    {
        for (var i = from; i < to; i++)
        {
            var c = text[i];
            if (braces && (c == '{' || c == '}') && i + 1 < to && text[i + 1] == c)
            {
                output.Add((c, i, i + 2));
                i++;
                continue;
            }

            if (c != '\\' || i + 1 >= to)
            {
                output.Add((c, i, i + 1));
                continue;
            }

            var start = i;
            var e = text[i + 1];
            i++;
            switch (e)
            {
                case 'u':
                    output.Add(((char)Hex(text, i + 1, 4), start, i + 5));
                    i += 4;
                    break;
                case 'U':
                {
                    var value = char.ConvertFromUtf32(Hex(text, i + 1, 8));
                    foreach (var ch in value)
                    {
                        output.Add((ch, start, i + 9));
                    }

                    i += 8;
                    break;
                }

                case 'x':
                {
                    var digits = 0;
                    while (digits < 4 && i + 1 + digits < to && Uri.IsHexDigit(text[i + 1 + digits]))
                    {
                        digits++;
                    }

                    output.Add(((char)Hex(text, i + 1, digits), start, i + 1 + digits));
                    i += digits;
                    break;
                }

                default:
                    output.Add((Simple(e), start, i + 1));
                    break;
            }
        }
    }

    private static char Simple(char escape) => escape switch
    {
        '\'' => '\'',
        '"' => '"',
        '\\' => '\\',
        '0' => '\0',
        'a' => '\a',
        'b' => '\b',
        'e' => '\u001b',
        'f' => '\f',
        'n' => '\n',
        'r' => '\r',
        't' => '\t',
        'v' => '\v',
        _ => throw new FormatException("unknown escape"),
    };

    private static int Hex(string text, int from, int digits) =>
        int.Parse(text.Substring(from, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);

    // """ + (whitespace) newline, lines, newline + indentation + """. Each line loses the closing
    // line's indentation; whitespace-only lines become empty.
    private static void DecodeMultiLineRaw(string text, int end, List<(char, int, int)> output)
    {
        var quotes = CountQuotes(text, 0);
        var closeQuotes = end - quotes;
        var i = text.IndexOf('\n', quotes) + 1;
        var lastNewline = text.LastIndexOf('\n', closeQuotes - 1);
        var indentation = closeQuotes - (lastNewline + 1);
        var contentEnd = lastNewline > 0 && text[lastNewline - 1] == '\r' ? lastNewline - 1 : lastNewline;
        DecodeRawLines(text, i, contentEnd, indentation, lineStart: true, output);
    }

    private static void DecodeRawLines(string text, int from, int to, int indentation, bool lineStart, List<(char, int, int)> output)
    {
        var i = from;
        while (i < to)
        {
            if (lineStart)
            {
                var skipped = 0;
                while (skipped < indentation && i < to && (text[i] == ' ' || text[i] == '\t'))
                {
                    i++;
                    skipped++;
                }

                lineStart = false;
                continue;
            }

            var c = text[i];
            output.Add((c, i, i + 1));
            if (c == '\n')
            {
                lineStart = true;
            }

            i++;
        }
    }

    private static void DecodeInterpolatedRawLines(SyntaxToken token, InterpolatedStringExpressionSyntax owner, List<(char, int, int)> output)
    {
        var source = token.SyntaxTree!.GetText();
        var endToken = owner.StringEndToken;
        var quote = endToken.SpanStart + endToken.Text.IndexOf('"');
        var indentation = 0;
        while (quote - indentation - 1 >= 0 && source[quote - indentation - 1] is ' ' or '\t')
        {
            indentation++;
        }

        var lineStart = token.SpanStart > 0 && source[token.SpanStart - 1] == '\n';
        DecodeRawLines(token.Text, 0, token.Text.Length, indentation, lineStart, output);
    }
}
