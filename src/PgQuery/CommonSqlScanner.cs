using System;
using System.Collections.Generic;

namespace YbMigrate.PgQuery;

/// <summary>
/// Splits text into tokens in managed code, with the same kinds, keyword kinds and spans as
/// libpg_query's scanner, for the SQL most statements are made of: words and keywords, quoted
/// names, plain strings, integers, comments, punctuation and the common operators. It gives up
/// (returns null) on anything whose scanning has a subtlety (dollar quotes, E'' and U&amp;'' strings,
/// strings continued on the next line, decimals, most multi-char operators, parameters), and the
/// native scanner runs instead. Calling the native scanner costs about as much as parsing the
/// statement; this costs a small fraction of it.
/// </summary>
internal static class CommonSqlScanner
{
    /// <summary>The tokens of <paramref name="text"/>, or null when it holds something this scanner leaves to libpg_query.</summary>
    public static List<Token>? TryScan(string text)
    {
        var tokens = new List<Token>(text.Length / 5 + 4);
        return TryScan(text.AsSpan(), tokens) ? tokens : null;
    }

    /// <summary>
    /// Adds the tokens of part of a text (a statement of a script; spans relative to the part) to
    /// <paramref name="tokens"/>; false, with some added, when it holds something left to libpg_query.
    /// </summary>
    public static bool TryScan(ReadOnlySpan<char> text, List<Token> tokens)
    {
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (IsSpace(c))
            {
                i++;
                continue;
            }

            if (!TryToken(text, i, out var end, out var kind, out var keyword))
            {
                return false;
            }

            tokens.Add(new Token(kind, keyword, new TextSpan(i, end - i)));
            i = end;
        }

        return true;
    }

    private static bool TryToken(ReadOnlySpan<char> text, int start, out int end, out TokenKind kind, out KeywordKind keyword)
    {
        var c = text[start];
        var next = start + 1 < text.Length ? text[start + 1] : '\0';
        keyword = KeywordKind.None;
        kind = TokenKind.IDENT;
        end = start + 1;
        if (IsIdentifierStart(c))
        {
            end = IdentifierEnd(text, start);
            if (end - start == 1 && StartsPrefixedLiteral(c, end < text.Length ? text[end] : '\0'))
            {
                return false;
            }

            (kind, keyword) = SqlKeywords.Lookup(text, start, end - start);
            return true;
        }

        switch (c)
        {
            case >= '0' and <= '9':
                return TryNumber(text, start, out end, out kind);
            case '"':
                return TryQuotedIdentifier(text, start, out end);
            case '\'':
                kind = TokenKind.SCONST;
                return TryString(text, start, out end);
            case '-' when next == '-':
                kind = TokenKind.SQL_COMMENT;
                end = LineCommentEnd(text, start);
                return true;
            case '/' when next == '*':
                kind = TokenKind.C_COMMENT;
                return TryBlockComment(text, start, out end);
            case '(' or ')' or ',' or ';' or '[' or ']':
                kind = (TokenKind)c;
                return true;
            case '.':
                kind = TokenKind.ASCII_46;
                return next != '.' && next is not (>= '0' and <= '9');
            case ':':
                kind = TokenKind.TYPECAST;
                end = start + 2;
                return next == ':';
            default:
                return TryOperator(text, start, out end, out kind);
        }
    }

    // PostgreSQL 15's scanner: space [ \t\n\r\f] (\v is white space only from 16).
    private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f';

    // Every byte of a multi-byte UTF-8 character is an identifier character for the scanner.
    private static bool IsIdentifierStart(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_' or >= '\u0080';

    private static bool IsIdentifierPart(char c) => IsIdentifierStart(c) || c is (>= '0' and <= '9') or '$';

    private static int IdentifierEnd(ReadOnlySpan<char> text, int start)
    {
        var end = start + 1;
        while (end < text.Length && IsIdentifierPart(text[end]))
        {
            end++;
        }

        return end;
    }

    // E'..', B'..', X'..', N'..', U&'..' and U&".." are literals or names of their own, not a word.
    private static bool StartsPrefixedLiteral(char letter, char next) =>
        (next == '\'' && letter is 'e' or 'E' or 'b' or 'B' or 'x' or 'X' or 'n' or 'N') || (next == '&' && letter is 'u' or 'U');

    // An integer (ICONST when it fits in 32 bits, else FCONST) or digits.digits (FCONST); exponents, ".5", "1." and digits run into a word are left to the native scanner.
    private static bool TryNumber(ReadOnlySpan<char> text, int start, out int end, out TokenKind kind)
    {
        end = DigitsEnd(text, start);
        var significant = start;
        while (significant < end - 1 && text[significant] == '0')
        {
            significant++;
        }

        var digits = end - significant;
        kind = digits < 10 || (digits == 10 && text.Slice(significant, 10).CompareTo("2147483647".AsSpan(), StringComparison.Ordinal) <= 0) ? TokenKind.ICONST : TokenKind.FCONST;
        if (end + 1 < text.Length && text[end] == '.' && text[end + 1] is >= '0' and <= '9')
        {
            end = DigitsEnd(text, end + 1);
            kind = TokenKind.FCONST;
        }

        var after = end < text.Length ? text[end] : '\0';
        return after != '.' && !IsIdentifierPart(after);
    }

    private static int DigitsEnd(ReadOnlySpan<char> text, int start)
    {
        var end = start;
        while (end < text.Length && text[end] is >= '0' and <= '9')
        {
            end++;
        }

        return end;
    }

    private static bool TryQuotedIdentifier(ReadOnlySpan<char> text, int start, out int end)
    {
        end = ClosingQuote(text, start, '"');
        return end > start + 2; // unterminated or "" (a zero-length name is an error)
    }

    // A standard string without backslashes. One followed by a line comment or by a quote on a later line (that may continue it) is left to the native scanner.
    private static bool TryString(ReadOnlySpan<char> text, int start, out int end)
    {
        end = ClosingQuote(text, start, '\'');
        if (end < 0 || text.Slice(start, end - start).IndexOf('\\') >= 0)
        {
            return false;
        }

        var newline = false;
        var after = end;
        while (after < text.Length && IsSpace(text[after]))
        {
            newline |= text[after] is '\n' or '\r';
            after++;
        }

        var next = after < text.Length ? text[after] : '\0';
        var following = after + 1 < text.Length ? text[after + 1] : '\0';
        return !(newline && next == '\'') && !(next == '-' && following == '-');
    }

    // The end (after the closing quote) of a quoted token where a doubled quote stands for one, or -1 when unterminated.
    private static int ClosingQuote(ReadOnlySpan<char> text, int start, char quote)
    {
        for (var i = start + 1; i < text.Length; i++)
        {
            if (text[i] != quote)
            {
                continue;
            }

            if (i + 1 < text.Length && text[i + 1] == quote)
            {
                i++;
                continue;
            }

            return i + 1;
        }

        return -1;
    }

    private static int LineCommentEnd(ReadOnlySpan<char> text, int start)
    {
        var end = start + 2;
        while (end < text.Length && text[end] is not ('\n' or '\r'))
        {
            end++;
        }

        return end;
    }

    // Block comments nest.
    private static bool TryBlockComment(ReadOnlySpan<char> text, int start, out int end)
    {
        var depth = 1;
        for (end = start + 2; end + 1 < text.Length; end++)
        {
            if (text[end] == '/' && text[end + 1] == '*')
            {
                depth++;
                end++;
            }
            else if (text[end] == '*' && text[end + 1] == '/')
            {
                end++;
                if (--depth == 0)
                {
                    end++;
                    return true;
                }
            }
        }

        return false;
    }

    // One operator character of the grammar's own (+ - * / % ^ < > =) or <= >= <> != =>; longer runs of operator characters are left to the native scanner.
    private static bool TryOperator(ReadOnlySpan<char> text, int start, out int end, out TokenKind kind)
    {
        end = start;
        while (end < text.Length && IsOperatorChar(text[end]))
        {
            end++;
        }

        kind = (end - start) switch
        {
            1 => text[start] is '+' or '-' or '*' or '/' or '%' or '^' or '<' or '>' or '=' ? (TokenKind)text[start] : TokenKind.NUL,
            2 => TwoCharOperator(text[start], text[start + 1]),
            _ => TokenKind.NUL,
        };
        return kind != TokenKind.NUL;
    }

    private static TokenKind TwoCharOperator(char first, char second) => (first, second) switch
    {
        ('<', '=') => TokenKind.LESS_EQUALS,
        ('>', '=') => TokenKind.GREATER_EQUALS,
        ('<', '>') or ('!', '=') => TokenKind.NOT_EQUALS,
        ('=', '>') => TokenKind.EQUALS_GREATER,
        _ => TokenKind.NUL,
    };

    private static bool IsOperatorChar(char c) => c is '~' or '!' or '@' or '#' or '^' or '&' or '|' or '`' or '?' or '+' or '-' or '*' or '/' or '%' or '<' or '>' or '=';
}
