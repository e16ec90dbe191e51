using System.Collections.Generic;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Engine;

/// <summary>A replacement of a text range in a source.</summary>
public sealed class TextEdit
{
    /// <summary>Creates an edit.</summary>
    public TextEdit(TextSpan span, string newText)
    {
        Span = span;
        NewText = newText;
    }

    /// <summary>The replaced range (chars in the source).</summary>
    public TextSpan Span { get; }

    /// <summary>The replacement.</summary>
    public string NewText { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Span} -> \"{NewText}\"";
}

/// <summary>An automatic fix: edits to one source that remove the finding.</summary>
public sealed class Fix
{
    /// <summary>Creates a fix.</summary>
    public Fix(string title, IReadOnlyList<TextEdit> edits)
    {
        Title = title;
        Edits = edits;
    }

    /// <summary>What the fix does, e.g. "Remove UNLOGGED".</summary>
    public string Title { get; }

    /// <summary>Non-overlapping edits, in any order.</summary>
    public IReadOnlyList<TextEdit> Edits { get; }
}

/// <summary>One problem found in a source.</summary>
public sealed class Finding
{
    private string? _message;
    private object[]? _messageArgs;
    private string? _messageSuffix;

    /// <summary>Creates a finding.</summary>
    public Finding(RuleDescriptor rule, Severity severity, SqlSource source, TextSpan span, string message, Fix? fix)
        : this(rule, severity, source, span, fix)
    {
        _message = message;
    }

    /// <summary>
    /// Creates a finding whose message (the rule's format with <paramref name="messageArgs"/>, then
    /// <paramref name="messageSuffix"/>) is written when first read: a run holds every finding until
    /// it ends, and the arguments are much smaller than the text.
    /// </summary>
    internal Finding(RuleDescriptor rule, Severity severity, SqlSource source, TextSpan span, object[] messageArgs, string? messageSuffix, Fix? fix)
        : this(rule, severity, source, span, fix)
    {
        _messageArgs = messageArgs;
        _messageSuffix = messageSuffix;
    }

    private Finding(RuleDescriptor rule, Severity severity, SqlSource source, TextSpan span, Fix? fix)
    {
        Rule = rule;
        Severity = severity;
        Source = source;
        Span = span;
        Fix = fix;
        Start = source.Lines.GetPosition(span.Start);
        End = source.Lines.GetPosition(span.End);
    }

    /// <summary>The rule that reported it.</summary>
    public RuleDescriptor Rule { get; }

    /// <summary>The effective severity (after configuration).</summary>
    public Severity Severity { get; }

    /// <summary>The source the finding is in.</summary>
    public SqlSource Source { get; }

    /// <summary>The offending range (chars).</summary>
    public TextSpan Span { get; }

    /// <summary>1-based start line and column.</summary>
    public LinePosition Start { get; }

    /// <summary>1-based end line and column (exclusive column).</summary>
    public LinePosition End { get; }

    /// <summary>The message.</summary>
    public string Message
    {
        get
        {
            if (_message is null)
            {
                _message = MessageText.Format(Rule.MessageFormat, _messageArgs!) + _messageSuffix;
                _messageArgs = null;
                _messageSuffix = null;
            }

            return _message;
        }
    }

    /// <summary>The automatic fix, when one is safe.</summary>
    public Fix? Fix { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Source.Path}:{Start.Line}:{Start.Column}: {Rule.Id} {Message}";
}
