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
            if (!FixProperties.TryRead(diagnostic, out var title, out var changes))
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
}
