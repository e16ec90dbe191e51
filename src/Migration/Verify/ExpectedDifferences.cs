using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace YbMigrate.Migration.Verify;

/// <summary>
/// The differences the conversion made on purpose, from DIR/schema/report.json of <c>schema export</c>:
/// each fix applied (with the object it touched), each conversion and each object not exported.
/// </summary>
public sealed class ExpectedDifferences
{
    private readonly List<(string Object, string Because)> _changed = new();
    private readonly List<string> _notes = new();

    /// <summary>No difference expected.</summary>
    public static ExpectedDifferences None { get; } = new();

    /// <summary>Reads DIR/schema/report.json; a folder without one expects nothing.</summary>
    public static ExpectedDifferences Load(string? migrationDirectory)
    {
        if (migrationDirectory is null)
        {
            return None;
        }

        var path = Path.Combine(migrationDirectory, "schema", "report.json");
        if (!File.Exists(path))
        {
            throw new VerifyException($"{path}: not found: --in names the folder `schema export` wrote (it has schema/report.json).");
        }

        try
        {
            using var report = JsonDocument.Parse(File.ReadAllText(path));
            var expected = new ExpectedDifferences();
            var root = report.RootElement;
            foreach (var change in Array(root, "changes"))
            {
                if (change.TryGetProperty("object", out var name) && name.ValueKind == JsonValueKind.String)
                {
                    expected._changed.Add((name.GetString()!,
                        $"{change.GetProperty("ruleId").GetString()} {change.GetProperty("title").GetString()} ({change.GetProperty("file").GetString()}:{change.GetProperty("line").GetInt32()})"));
                }
            }

            expected._notes.AddRange(Array(root, "skipped").Concat(Array(root, "conversions")).Select(e => e.GetString() ?? ""));
            return expected;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            throw new VerifyException($"{path}: not a schema export report: {ex.Message}");
        }
    }

    /// <summary>
    /// Why the difference on <paramref name="kind"/> <paramref name="name"/> is expected, or null. A change to a
    /// table (its CREATE TABLE) covers its columns and constraints; a skip or conversion note covers the object it names.
    /// </summary>
    public string? Explain(string kind, string name)
    {
        foreach (var (changed, because) in _changed)
        {
            var space = changed.IndexOf(' ', StringComparison.Ordinal);
            var (changedKind, changedName) = (changed[..space], changed[(space + 1)..]);
            if (changedName == name && changedKind == kind
                || changedKind == "TABLE" && kind is "COLUMN" or "CONSTRAINT" && name.StartsWith(changedName + ".", StringComparison.Ordinal))
            {
                return because;
            }
        }

        return _notes.FirstOrDefault(note => Names(note, name));
    }

    // "index public.t.ix: ..." or "VIEW public.v: T-SQL ..." names public.v; "public.vx" does not.
    private static bool Names(string note, string name)
    {
        var at = note.IndexOf(name, StringComparison.Ordinal);
        return at >= 0 && (at == 0 || note[at - 1] is ' ' or '.' or '(')
            && (at + name.Length == note.Length || note[at + name.Length] is ':' or ' ' or '.' or ')' or ',');
    }

    private static IEnumerable<JsonElement> Array(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : Enumerable.Empty<JsonElement>();
}
