using System;
using System.Collections.Generic;

namespace YbMigrate.PgQuery;

/// <summary>
/// PostgreSQL's keywords with their token kinds and categories, for <see cref="CommonSqlScanner"/>.
/// Taken from libpg_query itself: every word a token kind could stand for (its name in lower case,
/// without the <c>_P</c> suffix the grammar adds to some) is run through the native scanner once,
/// and the ones it reports as keywords are kept.
/// </summary>
internal static class SqlKeywords
{
    private static readonly Dictionary<int, Keyword[]> ByHash = Load();

    /// <summary>The kind and keyword category of the word at <paramref name="start"/>: IDENT and none when it is not a keyword.</summary>
    public static (TokenKind Kind, KeywordKind Category) Lookup(ReadOnlySpan<char> text, int start, int length)
    {
        if (ByHash.TryGetValue(Hash(text, start, length), out var candidates))
        {
            foreach (var keyword in candidates)
            {
                if (keyword.Matches(text, start, length))
                {
                    return (keyword.Kind, keyword.Category);
                }
            }
        }

        return (TokenKind.IDENT, KeywordKind.None);
    }

    private static Dictionary<int, Keyword[]> Load()
    {
        var words = new List<string>();
        foreach (var name in Enum.GetNames(typeof(TokenKind)))
        {
            var word = name.ToLowerInvariant();
            words.Add(word);
            if (word.EndsWith("_p", StringComparison.Ordinal))
            {
                words.Add(word.Substring(0, word.Length - 2));
            }
        }

        var text = string.Join(" ", words);
        var scan = PgQuery.ScanNative(text);
        if (scan.Error is not null)
        {
            throw new InvalidOperationException("libpg_query could not scan the keyword list: " + scan.Error.Message);
        }

        var table = new Dictionary<int, List<Keyword>>();
        foreach (var token in scan.Tokens)
        {
            if (token.KeywordKind != KeywordKind.None)
            {
                var keyword = new Keyword(token.Text(text), token.Kind, token.KeywordKind);
                var hash = Hash(keyword.Word.AsSpan(), 0, keyword.Word.Length);
                if (!table.TryGetValue(hash, out var list))
                {
                    table[hash] = list = new List<Keyword>();
                }

                list.Add(keyword);
            }
        }

        var byHash = new Dictionary<int, Keyword[]>(table.Count);
        foreach (var entry in table)
        {
            byHash[entry.Key] = entry.Value.ToArray();
        }

        return byHash;
    }

    // The scanner folds ASCII letters only when it looks a keyword up.
    private static char FoldAscii(char c) => c is >= 'A' and <= 'Z' ? (char)(c + ('a' - 'A')) : c;

    private static int Hash(ReadOnlySpan<char> text, int start, int length)
    {
        unchecked
        {
            var hash = (int)2166136261;
            for (var i = start; i < start + length; i++)
            {
                hash = (hash ^ FoldAscii(text[i])) * 16777619;
            }

            return hash;
        }
    }

    private sealed class Keyword
    {
        public Keyword(string word, TokenKind kind, KeywordKind category)
        {
            Word = word;
            Kind = kind;
            Category = category;
        }

        public string Word { get; }

        public TokenKind Kind { get; }

        public KeywordKind Category { get; }

        public bool Matches(ReadOnlySpan<char> text, int start, int length)
        {
            if (length != Word.Length)
            {
                return false;
            }

            for (var i = 0; i < length; i++)
            {
                if (FoldAscii(text[start + i]) != Word[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
