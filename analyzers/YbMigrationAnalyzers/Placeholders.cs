using System;
using System.Collections.Generic;
using System.Globalization;

namespace YbMigrationAnalyzers;

/// <summary>Which client-side parameter placeholders the API that runs the SQL understands.</summary>
[Flags]
internal enum PlaceholderStyle
{
    None = 0,

    /// <summary><c>@name</c>, as Npgsql and Dapper use them.</summary>
    AtName = 1,

    /// <summary><c>{0}</c>, as EF Core's FromSqlRaw / ExecuteSqlRaw / SqlQueryRaw format them.</summary>
    BraceIndex = 2,
}

/// <summary>
/// Rewrites client-side placeholders to PostgreSQL's <c>$n</c> before the SQL is parsed, so
/// <c>WHERE status = @s</c> does not parse as the <c>@</c> operator. Each placeholder maps to its
/// whole source range, so positions after it are kept. Quoted strings, quoted identifiers,
/// comments and dollar-quoted bodies are left alone.
/// </summary>
internal static class Placeholders
{
    public static SqlText Rewrite(SqlText sql, PlaceholderStyle style)
    {
        if (style == PlaceholderStyle.None)
        {
            return sql;
        }

        var text = sql.Text;
        var result = new SqlText();
        var names = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var next = sql.HoleCount;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var skipTo = SkipQuoted(text, i);
            if (skipTo > i)
            {
                Copy(sql, result, i, skipTo);
                i = skipTo;
                continue;
            }

            if ((style & PlaceholderStyle.AtName) != 0 && c == '@' && i + 1 < text.Length && IsIdentifierStart(text[i + 1])
                && (i == 0 || !IsIdentifierPart(text[i - 1]) && text[i - 1] != '@'))
            {
                var end = i + 2;
                while (end < text.Length && IsIdentifierPart(text[end]))
                {
                    end++;
                }

                var name = text.Substring(i + 1, end - i - 1);
                if (!names.TryGetValue(name, out var number))
                {
                    number = ++next;
                    names[name] = number;
                }

                Replace(sql, result, i, end, number);
                i = end;
                continue;
            }

            if ((style & PlaceholderStyle.BraceIndex) != 0 && c == '{' && i + 1 < text.Length && char.IsDigit(text[i + 1]))
            {
                var end = i + 1;
                while (end < text.Length && char.IsDigit(text[end]))
                {
                    end++;
                }

                if (end < text.Length && text[end] == '}'
                    && int.TryParse(text.Substring(i + 1, end - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    Replace(sql, result, i, end + 1, index + 1);
                    i = end + 1;
                    continue;
                }
            }

            result.Append(c, sql[i]);
            i++;
        }

        return result;
    }

    private static void Copy(SqlText from, SqlText to, int start, int end)
    {
        var text = from.Text;
        for (var i = start; i < end; i++)
        {
            to.Append(text[i], from[i]);
        }
    }

    // "$n" in place of the placeholder; its chars map to the placeholder's whole source range.
    private static void Replace(SqlText from, SqlText to, int start, int end, int number)
    {
        var first = from[start];
        var last = from[end - 1];
        var origin = first.IsMapped && last.Tree == first.Tree && last.Group == first.Group && last.End >= first.Start
            ? new CharOrigin(first.Tree, first.Start, last.End, first.Group, exact: false)
            : first.IsMapped ? new CharOrigin(first.Tree, first.Start, first.End, first.Group, exact: false) : first;
        foreach (var c in "$" + number.ToString(CultureInfo.InvariantCulture))
        {
            to.Append(c, origin);
        }
    }

    /// <summary>The end of a quoted string, quoted identifier, comment or dollar-quoted body at <paramref name="i"/>; <paramref name="i"/> when none starts there.</summary>
    private static int SkipQuoted(string text, int i)
    {
        var c = text[i];
        switch (c)
        {
            case '\'':
            {
                var backslashes = i > 0 && (text[i - 1] == 'E' || text[i - 1] == 'e') && (i < 2 || !IsIdentifierPart(text[i - 2]));
                var j = i + 1;
                while (j < text.Length)
                {
                    if (backslashes && text[j] == '\\')
                    {
                        j += 2;
                        continue;
                    }

                    if (text[j] == '\'')
                    {
                        if (j + 1 < text.Length && text[j + 1] == '\'')
                        {
                            j += 2;
                            continue;
                        }

                        return j + 1;
                    }

                    j++;
                }

                return text.Length;
            }

            case '"':
            {
                var j = text.IndexOf('"', i + 1);
                return j < 0 ? text.Length : j + 1;
            }

            case '-' when i + 1 < text.Length && text[i + 1] == '-':
            {
                var j = text.IndexOf('\n', i);
                return j < 0 ? text.Length : j + 1;
            }

            case '/' when i + 1 < text.Length && text[i + 1] == '*':
            {
                var depth = 0;
                var j = i;
                while (j < text.Length - 1)
                {
                    if (text[j] == '/' && text[j + 1] == '*')
                    {
                        depth++;
                        j += 2;
                    }
                    else if (text[j] == '*' && text[j + 1] == '/')
                    {
                        depth--;
                        j += 2;
                        if (depth == 0)
                        {
                            return j;
                        }
                    }
                    else
                    {
                        j++;
                    }
                }

                return text.Length;
            }

            case '$' when i == 0 || !IsIdentifierPart(text[i - 1]):
            {
                var j = i + 1;
                if (j < text.Length && IsIdentifierStart(text[j]))
                {
                    while (j < text.Length && IsIdentifierPart(text[j]))
                    {
                        j++;
                    }
                }

                if (j >= text.Length || text[j] != '$')
                {
                    return i;
                }

                var tag = text.Substring(i, j - i + 1);
                var close = text.IndexOf(tag, j + 1, StringComparison.Ordinal);
                return close < 0 ? text.Length : close + tag.Length;
            }

            default:
                return i;
        }
    }

    private static bool IsIdentifierStart(char c) => char.IsLetter(c) || c == '_';

    private static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c == '_' || c == '$';
}
