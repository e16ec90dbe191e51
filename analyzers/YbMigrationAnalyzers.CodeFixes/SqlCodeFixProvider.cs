using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;

namespace YbMigrationAnalyzers.CodeFixes;

/// <summary>
/// Applies the rewrite a YugabyteDB rule offers (remove UNLOGGED, drop DEFERRABLE, CACHE 100, ...)
/// to the C# literal that holds the SQL. The analyzer has already mapped the edits to the source and
/// escaped them for the literal's kind; a diagnostic without them (SQL across holes or pieces,
/// a const elsewhere) gets no fix.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SqlCodeFixProvider))]
public sealed class SqlCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds => SqlFixes.FixableIds;

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!TryRead(diagnostic, out var title, out var changes))
            {
                continue;
            }

            var document = context.Document;
            context.RegisterCodeFix(
                CodeAction.Create(
                    title,
                    cancellationToken => ApplyAsync(document, diagnostic, changes, cancellationToken),
                    SqlFixes.EquivalenceKeyPrefix + diagnostic.Id),
                diagnostic);
        }

        return Task.CompletedTask;
    }

    private static async Task<Document> ApplyAsync(Document document, Diagnostic diagnostic, IReadOnlyList<TextChange> changes, CancellationToken cancellationToken)
    {
        var tree = await document.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false);
        if (tree is null || diagnostic.Location.SourceTree is { } source && source.FilePath != tree.FilePath)
        {
            return document;
        }

        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        foreach (var change in changes)
        {
            if (change.Span.End > text.Length)
            {
                return document;
            }
        }

        return document.WithText(text.WithChanges(changes));
    }

    private static bool TryRead(Diagnostic diagnostic, out string title, out IReadOnlyList<TextChange> changes)
    {
        title = string.Empty;
        changes = Array.Empty<TextChange>();
        var properties = diagnostic.Properties;
        if (!properties.TryGetValue(SqlFixes.TitleKey, out var fixTitle) || string.IsNullOrEmpty(fixTitle)
            || !TryInt(properties, SqlFixes.CountKey, out var count) || count <= 0)
        {
            return false;
        }

        var list = new List<TextChange>(count);
        for (var i = 0; i < count; i++)
        {
            if (!TryInt(properties, SqlFixes.StartKey(i), out var start) || !TryInt(properties, SqlFixes.LengthKey(i), out var length)
                || start < 0 || length < 0)
            {
                return false;
            }

            properties.TryGetValue(SqlFixes.TextKey(i), out var newText);
            list.Add(new TextChange(new TextSpan(start, length), newText ?? string.Empty));
        }

        title = fixTitle!;
        changes = list;
        return true;
    }

    private static bool TryInt(ImmutableDictionary<string, string?> properties, string key, out int value)
    {
        value = 0;
        return properties.TryGetValue(key, out var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
