using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using YbMigrate.Linter.Engine;
using TextSpan = Microsoft.CodeAnalysis.Text.TextSpan;

namespace YbMigrationAnalyzers;

/// <summary>
/// Turns a linter fix (edits in offsets of the linted SQL) into edits of the C# source, carried in
/// the diagnostic's properties for the code fix provider (a separate assembly, which must not run
/// the rule engine again). A fix is offered only when it is certainly right: every edit lies in one
/// literal token, touches only chars decoded one by one (no hole, no rewritten placeholder, no
/// coarse mapping), the token is where the diagnostic is reported, and the edited literal still
/// parses as the same kind of literal.
/// </summary>
internal static class SqlFixes
{
    /// <summary>The code action's title.</summary>
    public const string TitleKey = "fix.title";

    /// <summary>How many edits follow.</summary>
    public const string CountKey = "fix.count";

    /// <summary>The edits of every fixable rule share this prefix in their equivalence key, followed by the rule id.</summary>
    public const string EquivalenceKeyPrefix = "YbMigrationAnalyzers.Fix.";

    /// <summary>Source start of edit <paramref name="index"/>.</summary>
    public static string StartKey(int index) => "fix." + index.ToString(CultureInfo.InvariantCulture) + ".start";

    /// <summary>Source length of edit <paramref name="index"/>.</summary>
    public static string LengthKey(int index) => "fix." + index.ToString(CultureInfo.InvariantCulture) + ".length";

    /// <summary>Replacement of edit <paramref name="index"/>, escaped for the literal (absent for a deletion).</summary>
    public static string TextKey(int index) => "fix." + index.ToString(CultureInfo.InvariantCulture) + ".text";

    /// <summary>The ids of the linter rules that come with a fix.</summary>
    public static ImmutableArray<string> FixableIds { get; } =
        RuleCatalog.Descriptors.Where(rule => rule.HasFix).Select(rule => rule.Id).OrderBy(id => id, StringComparer.Ordinal).ToImmutableArray();

    /// <summary>The properties that describe <paramref name="fix"/> in source terms; null when no safe source edit exists.</summary>
    public static ImmutableDictionary<string, string?>? Map(SqlText sql, Fix? fix, Location location)
    {
        if (fix is null || fix.Edits.Count == 0 || location.SourceTree is not { } tree)
        {
            return null;
        }

        var root = tree.GetRoot();
        SyntaxToken? literal = null;
        var edits = new List<(TextSpan Span, string Text)>();
        foreach (var edit in fix.Edits)
        {
            if (!TryMapSpan(sql, edit.Span.Start, edit.Span.End, tree, out var span, out var anchor))
            {
                return null;
            }

            var token = root.FindToken(anchor);
            if (!IsLiteralText(token) || !Inside(token, span) || literal is { } other && other != token)
            {
                return null;
            }

            literal = token;
            var text = Escape(token, edit.NewText);
            if (text is null)
            {
                return null;
            }

            edits.Add((span, text));
        }

        var owner = literal!.Value;
        if (!owner.Span.IntersectsWith(location.SourceSpan))
        {
            return null; // e.g. a const declared elsewhere: the fix would land away from the squiggle
        }

        edits.Sort((a, b) => a.Span.Start.CompareTo(b.Span.Start));
        for (var i = 1; i < edits.Count; i++)
        {
            if (edits[i - 1].Span.End > edits[i].Span.Start)
            {
                return null;
            }
        }

        if (!StillParses(owner, edits))
        {
            return null;
        }

        var properties = ImmutableDictionary.CreateBuilder<string, string?>(StringComparer.Ordinal);
        properties[TitleKey] = fix.Title;
        properties[CountKey] = edits.Count.ToString(CultureInfo.InvariantCulture);
        for (var i = 0; i < edits.Count; i++)
        {
            properties[StartKey(i)] = edits[i].Span.Start.ToString(CultureInfo.InvariantCulture);
            properties[LengthKey(i)] = edits[i].Span.Length.ToString(CultureInfo.InvariantCulture);
            if (edits[i].Text.Length > 0)
            {
                properties[TextKey(i)] = edits[i].Text;
            }
        }

        return properties.ToImmutable();
    }

    // The source range of the SQL range [start, end): each char must come from its own source
    // range, in order, in the tree of the diagnostic. An insertion goes after the char before it
    // (else before the char after it).
    private static bool TryMapSpan(SqlText sql, int start, int end, SyntaxTree tree, out TextSpan span, out int anchor)
    {
        span = default;
        anchor = 0;
        if (start < 0 || end < start || end > sql.Length)
        {
            return false;
        }

        if (start == end)
        {
            var before = start > 0 ? sql[start - 1] : default;
            var after = start < sql.Length ? sql[start] : default;
            if (before.IsMapped && after.IsMapped && before.Tree == after.Tree && before.Start == after.Start)
            {
                return false; // between the halves of one escape
            }

            if (before.IsMapped && before.Exact && before.Tree == tree)
            {
                span = new TextSpan(before.End, 0);
                anchor = before.Start;
                return true;
            }

            if (after.IsMapped && after.Exact && after.Tree == tree)
            {
                span = new TextSpan(after.Start, 0);
                anchor = after.Start;
                return true;
            }

            return false;
        }

        for (var i = start; i < end; i++)
        {
            var origin = sql[i];
            if (!origin.IsMapped || !origin.Exact || origin.Tree != tree)
            {
                return false;
            }

            if (i > start && (sql[i - 1].End > origin.Start || sql[i - 1].Group != origin.Group))
            {
                return false;
            }
        }

        // Neither end may split an escape that produced two chars (\U0001F600).
        if (start > 0 && sql[start - 1].IsMapped && sql[start - 1].Tree == tree && sql[start - 1].Start == sql[start].Start)
        {
            return false;
        }

        if (end < sql.Length && sql[end].IsMapped && sql[end].Tree == tree && sql[end].Start == sql[end - 1].Start)
        {
            return false;
        }

        span = TextSpan.FromBounds(sql[start].Start, sql[end - 1].End);
        anchor = span.Start;
        return true;
    }

    private static bool IsLiteralText(SyntaxToken token) => token.Kind() is
        SyntaxKind.StringLiteralToken or SyntaxKind.Utf8StringLiteralToken or
        SyntaxKind.SingleLineRawStringLiteralToken or SyntaxKind.Utf8SingleLineRawStringLiteralToken or
        SyntaxKind.MultiLineRawStringLiteralToken or SyntaxKind.Utf8MultiLineRawStringLiteralToken or
        SyntaxKind.InterpolatedStringTextToken;

    private static bool Inside(SyntaxToken token, TextSpan span) =>
        token.IsKind(SyntaxKind.InterpolatedStringTextToken)
            ? token.Span.Start <= span.Start && span.End <= token.Span.End
            : token.Span.Start < span.Start && span.End < token.Span.End; // never the quotes

    /// <summary>The replacement as it must be written in the literal; null when it cannot be written there safely.</summary>
    internal static string? Escape(SyntaxToken token, string text)
    {
        switch (token.Kind())
        {
            case SyntaxKind.StringLiteralToken:
            case SyntaxKind.Utf8StringLiteralToken:
                return token.Text.StartsWith("@", StringComparison.Ordinal) ? Verbatim(text, braces: false) : Regular(text, braces: false);
            case SyntaxKind.SingleLineRawStringLiteralToken:
            case SyntaxKind.Utf8SingleLineRawStringLiteralToken:
            case SyntaxKind.MultiLineRawStringLiteralToken:
            case SyntaxKind.Utf8MultiLineRawStringLiteralToken:
                return text; // quotes and line breaks are checked when the result is parsed again
            case SyntaxKind.InterpolatedStringTextToken:
                switch ((token.Parent?.Parent as InterpolatedStringExpressionSyntax)?.StringStartToken.Kind())
                {
                    case SyntaxKind.InterpolatedStringStartToken:
                        return Regular(text, braces: true);
                    case SyntaxKind.InterpolatedVerbatimStringStartToken:
                        return Verbatim(text, braces: true);
                    case SyntaxKind.InterpolatedSingleLineRawStringStartToken:
                    case SyntaxKind.InterpolatedMultiLineRawStringStartToken:
                        // A brace would open a hole or need more '$': not worth the risk.
                        return text.IndexOf('{') >= 0 || text.IndexOf('}') >= 0 ? null : text;
                    default:
                        return null;
                }

            default:
                return null;
        }
    }

    private static string Regular(string text, bool braces)
    {
        var result = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\': result.Append("\\\\"); break;
                case '"': result.Append("\\\""); break;
                case '\n': result.Append("\\n"); break;
                case '\r': result.Append("\\r"); break;
                case '\t': result.Append("\\t"); break;
                case '\0': result.Append("\\0"); break;
                case '{' when braces: result.Append("{{"); break;
                case '}' when braces: result.Append("}}"); break;
                default:
                    if (c < ' ' || c == '\u007f' || c == '\u0085' || c == '\u2028' || c == '\u2029')
                    {
                        result.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        result.Append(c);
                    }

                    break;
            }
        }

        return result.ToString();
    }

    private static string Verbatim(string text, bool braces)
    {
        var result = text.Replace("\"", "\"\"");
        return braces ? result.Replace("{", "{{").Replace("}", "}}") : result;
    }

    // The literal (or interpolated string) with the edits applied must parse, alone, as the same
    // kind of literal with the same holes: a raw string's delimiter or indentation broken by the
    // new text shows up here.
    private static bool StillParses(SyntaxToken token, List<(TextSpan Span, string Text)> edits)
    {
        var owner = token.IsKind(SyntaxKind.InterpolatedStringTextToken)
            ? token.Parent?.Parent as InterpolatedStringExpressionSyntax
            : (SyntaxNode?)(token.Parent as LiteralExpressionSyntax);
        if (owner is null)
        {
            return false;
        }

        var original = owner.ToString();
        var offset = owner.SpanStart;
        var text = new StringBuilder(original.Length + 16);
        var at = 0;
        foreach (var (span, replacement) in edits)
        {
            text.Append(original, at, span.Start - offset - at).Append(replacement);
            at = span.End - offset;
        }

        text.Append(original, at, original.Length - at);
        var options = token.SyntaxTree?.Options as CSharpParseOptions;
        var parsed = SyntaxFactory.ParseExpression(text.ToString(), 0, options, consumeFullText: true);
        if (parsed.ContainsDiagnostics || parsed.FullSpan.Length != text.Length)
        {
            return false;
        }

        return (owner, parsed) switch
        {
            (LiteralExpressionSyntax before, LiteralExpressionSyntax after) => after.Token.IsKind(before.Token.Kind()),
            (InterpolatedStringExpressionSyntax before, InterpolatedStringExpressionSyntax after) =>
                before.StringStartToken.Text == after.StringStartToken.Text
                && before.Contents.Count == after.Contents.Count
                && before.Contents.Zip(after.Contents, (x, y) => x.Kind() == y.Kind()).All(same => same),
            _ => false,
        };
    }
}
