using System;
using System.Collections.Generic;

namespace YbMigrate.PgQuery;

/// <summary>Maps char offsets in a text to 1-based line and column numbers (\n, \r\n and \r end lines).</summary>
public sealed class TextLines
{
    private readonly int[] _lineStarts;

    /// <summary>Indexes the line starts of <paramref name="text"/>.</summary>
    public TextLines(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                i++;
                starts.Add(i + 1);
            }
            else if (c == '\n' || c == '\r')
            {
                starts.Add(i + 1);
            }
        }

        _lineStarts = starts.ToArray();
        Length = text.Length;
    }

    /// <summary>The text's length in chars.</summary>
    public int Length { get; }

    /// <summary>Number of lines (an empty text has one).</summary>
    public int Count => _lineStarts.Length;

    /// <summary>1-based line and column (in UTF-16 code units) of a char offset.</summary>
    public LinePosition GetPosition(int charOffset)
    {
        var offset = Math.Min(Math.Max(charOffset, 0), Length);
        var found = Array.BinarySearch(_lineStarts, offset);
        var line = found >= 0 ? found : ~found - 1;
        return new LinePosition(line + 1, offset - _lineStarts[line] + 1);
    }

    /// <summary>The char offset where 1-based <paramref name="line"/> starts.</summary>
    public int LineStart(int line) => _lineStarts[line - 1];

    /// <summary>The char offset just past the last character of 1-based <paramref name="line"/>, before its line break.</summary>
    public int LineEnd(int line, string text)
    {
        var end = line < _lineStarts.Length ? _lineStarts[line] : text.Length;
        while (end > _lineStarts[line - 1] && (text[end - 1] == '\n' || text[end - 1] == '\r'))
        {
            end--;
        }

        return end;
    }
}

/// <summary>A 1-based line and column.</summary>
public readonly struct LinePosition : IEquatable<LinePosition>
{
    /// <summary>Creates a position.</summary>
    public LinePosition(int line, int column)
    {
        Line = line;
        Column = column;
    }

    /// <summary>1-based line.</summary>
    public int Line { get; }

    /// <summary>1-based column, in UTF-16 code units.</summary>
    public int Column { get; }

    /// <inheritdoc />
    public bool Equals(LinePosition other) => Line == other.Line && Column == other.Column;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is LinePosition other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => (Line * 397) ^ Column;

    /// <inheritdoc />
    public override string ToString() => $"{Line}:{Column}";
}
