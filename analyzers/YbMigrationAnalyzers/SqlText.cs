using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace YbMigrationAnalyzers;

/// <summary>Where one char of the SQL came from: a range of C# source, or nowhere (an interpolation hole).</summary>
internal readonly struct CharOrigin
{
    public CharOrigin(SyntaxTree? tree, int start, int end, int group, bool exact = true)
    {
        Tree = tree;
        Start = start;
        End = end;
        Group = group;
        Exact = exact;
    }

    /// <summary>The tree holding the source of the char; null for a char that stands for a hole.</summary>
    public SyntaxTree? Tree { get; }

    /// <summary>Start of the source text that produced the char (e.g. the backslash of <c>\n</c>).</summary>
    public int Start { get; }

    /// <summary>End of that source text.</summary>
    public int End { get; }

    /// <summary>
    /// The expression the char was folded from (its start): a use site and a const declaration
    /// elsewhere are different groups, and a span never stretches from one to the other.
    /// </summary>
    public int Group { get; }

    public bool IsMapped => Tree is not null;

    /// <summary>
    /// True when the source range produced exactly this one char (a plain char or one escape):
    /// only such chars may be edited by a code fix. False for a coarse mapping (a whole token or
    /// expression) and for a rewritten placeholder.
    /// </summary>
    public bool Exact { get; }
}

/// <summary>
/// SQL assembled from C# literals, with the source position of every char, so a finding's SQL
/// span maps back to the exact range inside the literal(s).
/// </summary>
internal sealed class SqlText
{
    private readonly StringBuilder _text = new();
    private readonly List<CharOrigin> _origins = new();

    /// <summary>Interpolation holes written as <c>$n</c>.</summary>
    public int HoleCount { get; private set; }

    public int Length => _text.Length;

    public string Text => _text.ToString();

    public CharOrigin this[int index] => _origins[index];

    public void Append(char c, CharOrigin origin)
    {
        _text.Append(c);
        _origins.Add(origin);
    }

    /// <summary>A value whose chars cannot be placed one by one: every char maps to the whole <paramref name="span"/>.</summary>
    public void AppendCoarse(string value, SyntaxTree tree, TextSpan span, int group)
    {
        foreach (var c in value)
        {
            Append(c, new CharOrigin(tree, span.Start, span.End, group, exact: false));
        }
    }

    public void Append(SqlText other)
    {
        _text.Append(other._text);
        _origins.AddRange(other._origins);
        HoleCount += other.HoleCount;
    }

    /// <summary>A hole: a positional parameter placeholder that maps to no source.</summary>
    public void AppendHole()
    {
        HoleCount++;
        foreach (var c in "$" + HoleCount.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            Append(c, default);
        }
    }

    /// <summary>
    /// The source location of the SQL range [<paramref name="start"/>, <paramref name="end"/>): from
    /// the first char that has a source to the last one that continues it in the same tree and in
    /// order. Holes are never pointed into; null when the range has no source at all.
    /// </summary>
    public Location? Locate(int start, int end)
    {
        if (_origins.Count == 0)
        {
            return null;
        }

        start = Clamp(start, 0, _origins.Count);
        end = Clamp(end, start, _origins.Count);
        if (start == end)
        {
            // An empty range (e.g. "unexpected end of input"): a point at the nearest mapped char.
            for (var i = start; i < _origins.Count; i++)
            {
                if (_origins[i].IsMapped)
                {
                    return Location.Create(_origins[i].Tree!, new TextSpan(_origins[i].Start, 0));
                }
            }

            for (var i = start - 1; i >= 0; i--)
            {
                if (_origins[i].IsMapped)
                {
                    return Location.Create(_origins[i].Tree!, new TextSpan(_origins[i].End, 0));
                }
            }

            return null;
        }

        var first = -1;
        for (var i = start; i < end; i++)
        {
            if (_origins[i].IsMapped)
            {
                first = i;
                break;
            }
        }

        if (first < 0)
        {
            return null;
        }

        var tree = _origins[first].Tree!;
        var group = _origins[first].Group;
        var spanStart = _origins[first].Start;
        var spanEnd = _origins[first].End;
        for (var i = first + 1; i < end; i++)
        {
            var origin = _origins[i];
            if (!origin.IsMapped)
            {
                continue;
            }

            if (origin.Tree != tree || origin.Group != group || origin.Start < spanStart)
            {
                break;
            }

            if (origin.End > spanEnd)
            {
                spanEnd = origin.End;
            }
        }

        return Location.Create(tree, TextSpan.FromBounds(spanStart, spanEnd));
    }

    private static int Clamp(int value, int min, int max) => value < min ? min : value > max ? max : value;
}
