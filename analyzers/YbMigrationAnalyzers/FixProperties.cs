using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace YbMigrationAnalyzers;

/// <summary>
/// Reads the fix a diagnostic carries in its properties (source edits computed by the analyzer):
/// shared by the IDE's code fix and <c>dotnet yb-migrate analyze --fix</c>.
/// </summary>
public static class FixProperties
{
    /// <summary>The fix's title and text changes; false when the diagnostic carries no (well-formed) fix.</summary>
    public static bool TryRead(Diagnostic diagnostic, out string title, out IReadOnlyList<TextChange> changes)
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
            if (!TryInt(properties, SqlFixes.StartKey(i), out var start) || !TryInt(properties, SqlFixes.LengthKey(i), out var length))
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
