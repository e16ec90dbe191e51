using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Scripts;

/// <summary>What a piece of a psql script is.</summary>
public enum SegmentKind
{
    /// <summary>A SQL statement for the server.</summary>
    Statement,

    /// <summary>A psql meta-command such as <c>\c db</c> or <c>\set x 1</c>: client-side, not SQL.</summary>
    MetaCommand,

    /// <summary>Inline data that follows <c>COPY ... FROM stdin</c>, up to the <c>\.</c> line.</summary>
    CopyData,
}

/// <summary>One piece of a script.</summary>
public readonly struct ScriptSegment
{
    internal ScriptSegment(SegmentKind kind, TextSpan span, TextSpan leadingTrivia, int terminatorEnd)
    {
        Kind = kind;
        Span = span;
        LeadingTrivia = leadingTrivia;
        TerminatorEnd = terminatorEnd;
    }

    /// <summary>The kind of piece.</summary>
    public SegmentKind Kind { get; }

    /// <summary>The piece, from its first significant character; a statement's semicolon is not included.</summary>
    public TextSpan Span { get; }

    /// <summary>White space and comments between the previous piece and this one.</summary>
    public TextSpan LeadingTrivia { get; }

    /// <summary>Where the piece ends including its terminating semicolon (or line break for meta-commands).</summary>
    public int TerminatorEnd { get; }
}

/// <summary>
/// Splits a script the way psql reads it: statements end at a semicolon outside quotes,
/// comments, parentheses and SQL-standard function bodies (BEGIN ATOMIC ... END); a backslash
/// starts a meta-command that runs to the end of the line; COPY FROM stdin is followed by data.
/// Unlike libpg_query's scanner split, it never drops a statement and never fails: an
/// unterminated string or comment simply runs to the end of the text, where the parser reports it.
/// </summary>
public static class PsqlScriptSplitter
{
    private static readonly Regex CopyFromStdin = new(
        @"^COPY\b.*\bFROM\s+STDIN\b", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant);

    private static readonly Regex RoutineHeader = new(
        @"^CREATE\s+(OR\s+REPLACE\s+)?(FUNCTION|PROCEDURE)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>Splits <paramref name="text"/>.</summary>
    public static IReadOnlyList<ScriptSegment> Split(string text)
    {
        var splitter = new Splitter(text);
        splitter.ReadUntil(int.MaxValue);
        return splitter.Segments;
    }

    /// <summary>
    /// Splits a script only as far as asked at a time (<see cref="Splitter.ReadUntil"/>), so that the
    /// engine parses the first statements while the rest is being split.
    /// </summary>
    internal sealed class Splitter
    {
        private readonly string _text;
        private readonly List<ScriptSegment> _segments = new();
        private int _triviaStart;
        private int _statementStart = -1;
        private int _parenDepth;
        private int _atomicDepth;
        private int _i;

        public Splitter(string text) => _text = text;

        /// <summary>The segments split so far and not forgotten, in order.</summary>
        public List<ScriptSegment> Segments => _segments;

        /// <summary>How many segments were split before the first of <see cref="Segments"/>.</summary>
        public int Forgotten { get; private set; }

        /// <summary>True once the whole text is split.</summary>
        public bool Done { get; private set; }

        /// <summary>Splits on until there are at least <paramref name="count"/> segments (forgotten ones included), or to the end of the text.</summary>
        public void ReadUntil(int count)
        {
            while (Forgotten + _segments.Count < count && _i < _text.Length)
            {
                var c = _text[_i];
                if (char.IsWhiteSpace(c))
                {
                    _i++;
                }
                else if (c == '-' && Peek(1) == '-')
                {
                    SkipLineComment();
                }
                else if (c == '/' && Peek(1) == '*')
                {
                    SkipBlockComment();
                }
                else if (c == '\\')
                {
                    MetaCommand();
                }
                else
                {
                    StatementToken(c);
                }
            }

            if (_i >= _text.Length && !Done)
            {
                if (_statementStart >= 0)
                {
                    AddStatement(_text.Length, _text.Length);
                }

                Done = true;
            }
        }

        /// <summary>Drops the segments split so far: their reader keeps them (the splitter of a long script then holds few).</summary>
        public void Forget()
        {
            Forgotten += _segments.Count;
            _segments.Clear();
        }

        private char Peek(int ahead) => _i + ahead < _text.Length ? _text[_i + ahead] : '\0';

        private void StatementToken(char c)
        {
            if (_statementStart < 0)
            {
                _statementStart = _i;
            }

            switch (c)
            {
                case ';' when _parenDepth == 0 && _atomicDepth == 0:
                    AddStatement(_i, _i + 1);
                    _i++;
                    AfterStatement();
                    break;
                case ';':
                    _i++;
                    break;
                case '(':
                    _parenDepth++;
                    _i++;
                    break;
                case ')':
                    _parenDepth = Math.Max(0, _parenDepth - 1);
                    _i++;
                    break;
                case '\'':
                    SkipQuoted('\'', BackslashEscapes());
                    break;
                case '"':
                    SkipQuoted('"', backslashEscapes: false);
                    break;
                case '$' when TryDollarQuote():
                    break;
                default:
                    if (IsIdentifierStart(c))
                    {
                        Word();
                    }
                    else
                    {
                        _i++;
                    }

                    break;
            }
        }

        private bool BackslashEscapes()
        {
            // E'...' strings honour backslash escapes; the E must be a token of its own.
            if (_i == 0 || (_text[_i - 1] != 'E' && _text[_i - 1] != 'e'))
            {
                return false;
            }

            return _i < 2 || !IsIdentifierPart(_text[_i - 2]);
        }

        private void Word()
        {
            var start = _i;
            while (_i < _text.Length && IsIdentifierPart(_text[_i]))
            {
                _i++;
            }

            if (_parenDepth > 0)
            {
                return;
            }

            // Track BEGIN ... END of a SQL-standard body (CREATE FUNCTION ... BEGIN ATOMIC), as psql does.
            if (Is(start, "BEGIN") && RoutineHeader.IsMatch(_text.Substring(_statementStart, start - _statementStart)))
            {
                _atomicDepth++;
            }
            else if (_atomicDepth > 0 && Is(start, "CASE"))
            {
                _atomicDepth++;
            }
            else if (_atomicDepth > 0 && Is(start, "END"))
            {
                _atomicDepth--;
            }
        }

        // Whether the word just read (from start to _i) is keyword, compared in place: most words are none.
        private bool Is(int start, string keyword) =>
            _i - start == keyword.Length && string.Compare(_text, start, keyword, 0, keyword.Length, StringComparison.OrdinalIgnoreCase) == 0;

        private bool TryDollarQuote()
        {
            // $tag$ where tag is empty or an identifier not starting with a digit ($1 is a parameter).
            var end = _i + 1;
            if (end < _text.Length && char.IsDigit(_text[end]))
            {
                return false;
            }

            while (end < _text.Length && _text[end] != '$' && IsIdentifierPart(_text[end]))
            {
                end++;
            }

            if (end >= _text.Length || _text[end] != '$' || (_i > 0 && IsIdentifierPart(_text[_i - 1])))
            {
                return false;
            }

            var tag = _text.Substring(_i, end - _i + 1);
            var close = _text.IndexOf(tag, end + 1, StringComparison.Ordinal);
            _i = close < 0 ? _text.Length : close + tag.Length;
            return true;
        }

        private void SkipQuoted(char quote, bool backslashEscapes)
        {
            _i++;
            while (_i < _text.Length)
            {
                var c = _text[_i++];
                if (backslashEscapes && c == '\\')
                {
                    _i++;
                }
                else if (c == quote)
                {
                    if (_i < _text.Length && _text[_i] == quote)
                    {
                        _i++;
                    }
                    else
                    {
                        return;
                    }
                }
            }
        }

        private void SkipLineComment()
        {
            var end = _text.IndexOf('\n', _i);
            _i = end < 0 ? _text.Length : end + 1;
        }

        private void SkipBlockComment()
        {
            var depth = 0;
            while (_i < _text.Length)
            {
                if (_text[_i] == '/' && Peek(1) == '*')
                {
                    depth++;
                    _i += 2;
                }
                else if (_text[_i] == '*' && Peek(1) == '/')
                {
                    _i += 2;
                    if (--depth == 0)
                    {
                        return;
                    }
                }
                else
                {
                    _i++;
                }
            }
        }

        private void MetaCommand()
        {
            // A meta-command ends the statement being typed (psql would send it with \g, or run the command first).
            if (_statementStart >= 0)
            {
                AddStatement(_i, _i);
            }

            var start = _i;
            var lineEnd = LineEnd(_i);
            _segments.Add(new ScriptSegment(SegmentKind.MetaCommand, Trimmed(start, lineEnd), new TextSpan(_triviaStart, start - _triviaStart), lineEnd));
            _i = lineEnd;
            _triviaStart = _i;
        }

        private void AfterStatement()
        {
            var last = _segments[_segments.Count - 1];
            if (!StartsWithCopy(last.Span) || !CopyFromStdin.IsMatch(_text.Substring(last.Span.Start, last.Span.Length)))
            {
                return;
            }

            // Inline COPY data starts on the next line and ends with a line holding only \.
            var dataStart = LineEnd(_i);
            var cursor = dataStart;
            while (cursor < _text.Length)
            {
                var lineEnd = LineEnd(cursor);
                if (_text.Substring(cursor, lineEnd - cursor).TrimEnd('\r', '\n') == "\\.")
                {
                    _segments.Add(new ScriptSegment(SegmentKind.CopyData, new TextSpan(dataStart, cursor - dataStart), new TextSpan(_i, dataStart - _i), lineEnd));
                    _i = _triviaStart = lineEnd;
                    return;
                }

                cursor = lineEnd;
            }

            _segments.Add(new ScriptSegment(SegmentKind.CopyData, new TextSpan(dataStart, _text.Length - dataStart), new TextSpan(_i, dataStart - _i), _text.Length));
            _i = _triviaStart = _text.Length;
        }

        // The cheap test before the pattern, so that only COPY statements are copied out to match it.
        private bool StartsWithCopy(TextSpan span) =>
            span.Length >= 4 && string.Compare(_text, span.Start, "COPY", 0, 4, StringComparison.OrdinalIgnoreCase) == 0;

        private int LineEnd(int from)
        {
            var newline = _text.IndexOf('\n', from);
            return newline < 0 ? _text.Length : newline + 1;
        }

        private TextSpan Trimmed(int start, int end)
        {
            while (end > start && char.IsWhiteSpace(_text[end - 1]))
            {
                end--;
            }

            return new TextSpan(start, end - start);
        }

        private void AddStatement(int end, int terminatorEnd)
        {
            _segments.Add(new ScriptSegment(
                SegmentKind.Statement,
                Trimmed(_statementStart, end),
                new TextSpan(_triviaStart, _statementStart - _triviaStart),
                terminatorEnd));
            _statementStart = -1;
            _parenDepth = 0;
            _atomicDepth = 0;
            _triviaStart = terminatorEnd;
        }

        private static bool IsIdentifierStart(char c) => char.IsLetter(c) || c == '_' || c > 127;

        private static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c == '_' || c == '$' || c > 127;
    }
}
