using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace YbMigrate.Linter.Engine;

/// <summary>Applies the fixes of findings to a source text.</summary>
public static class FixApplier
{
    /// <summary>
    /// Applies every fix among <paramref name="findings"/> that belongs to <paramref name="source"/>.
    /// Overlapping fixes are skipped (a second run applies them). Returns the new text and how many fixes were applied.
    /// </summary>
    public static (string Text, int Applied) Apply(SqlSource source, IEnumerable<Finding> findings)
    {
        var fixes = findings.Where(f => f.Fix is not null && ReferenceEquals(f.Source, source)).Select(f => f.Fix!)
            .OrderBy(f => f.Edits.Min(e => e.Span.Start))
            .ToList();
        var accepted = new List<TextEdit>();
        var applied = 0;
        foreach (var fix in fixes)
        {
            if (fix.Edits.Any(e => accepted.Any(a => Overlaps(a, e))))
            {
                continue;
            }

            accepted.AddRange(fix.Edits);
            applied++;
        }

        var text = new StringBuilder(source.Text);
        foreach (var edit in accepted.OrderByDescending(e => e.Span.Start))
        {
            text.Remove(edit.Span.Start, edit.Span.Length).Insert(edit.Span.Start, edit.NewText);
        }

        return (text.ToString(), applied);
    }

    private static bool Overlaps(TextEdit a, TextEdit b) =>
        a.Span.Start < b.Span.End && b.Span.Start < a.Span.End
        || (a.Span.Length == 0 && b.Span.Length == 0 && a.Span.Start == b.Span.Start);
}
