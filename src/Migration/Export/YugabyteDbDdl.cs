using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using YbMigrate.Linter.Scripts;
using YbMigrate.Migration.Model;
using static YbMigrate.Migration.Sql.SqlIdentifier;

namespace YbMigrate.Migration.Export;

/// <summary>How one table is laid out on YugabyteDB.</summary>
/// <param name="Table">The table.</param>
/// <param name="Colocated">Left in the colocation tablet (only when colocation was asked and its partition tree is small).</param>
/// <param name="Tablets">Tablets to pre-split into; written only when more than 1.</param>
/// <param name="Size">Bytes on the source (a partitioned table: its whole tree), null when the source did not say.</param>
public sealed record TableDistribution(TableInfo Table, bool Colocated, int Tablets, long? Size);

/// <summary>
/// The YugabyteDB-only decoration of the exported DDL: hash-sharded primary keys and index keys,
/// SPLIT INTO n TABLETS for large tables, WITH (COLOCATION = false) for large tables when the
/// target database is colocated. It is applied to the text the linter has already checked and
/// fixed, because the linter reads PostgreSQL's grammar, which has no HASH keys nor SPLIT INTO.
/// Edits stay on the line they change, so the report's line numbers still point at the right place.
/// </summary>
public static class YugabyteDbDdl
{
    private static readonly Regex CreateTable = new(@"^CREATE\s+(?:UNLOGGED\s+)?TABLE\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static readonly Regex CreateIndex = new(
        @"^CREATE\s+(?:UNIQUE\s+)?INDEX\s+(?:CONCURRENTLY\s+)?(?:IF\s+NOT\s+EXISTS\s+)?(?:""(?:[^""]|"""")*""|[^\s""]+)\s+ON\s+(?:ONLY\s+)?",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static readonly Regex UsingMethod = new(@"\G\s*USING\s+(\w+)\s*\(", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static readonly Regex OrderingWord = new(@"\b(ASC|DESC|NULLS)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>Decides, for every table, colocation and pre-splitting from its size on the source.</summary>
    public static IReadOnlyDictionary<(string Schema, string Name), TableDistribution> Plan(SourceSchema schema, SchemaExportOptions options)
    {
        var byName = schema.Tables.ToDictionary(t => (t.Schema, t.Name));
        TableInfo Root(TableInfo t) => t.PartitionOf is { } p && byName.TryGetValue(p, out var parent) ? Root(parent) : t;

        // A partition tree is colocated or not as a whole, by the size of all its leaves.
        var treeSize = new Dictionary<TableInfo, long?>();
        foreach (var leaf in schema.Tables.Where(t => t.PartitionKey is null))
        {
            var root = Root(leaf);
            var sum = treeSize.TryGetValue(root, out var known) ? known : 0;
            treeSize[root] = sum is { } so && leaf.SizeBytes is { } size ? so + size : null;
        }

        var plan = new Dictionary<(string, string), TableDistribution>();
        foreach (var table in schema.Tables)
        {
            var size = treeSize.TryGetValue(Root(table), out var s) ? s : table.SizeBytes;
            var colocated = options.ColocateBelowBytes is { } below && (size ?? 0) < below;
            var tablets = 1;
            var plain = table.PartitionKey is null && table.PartitionOf is null;
            if (!colocated && plain && table.SizeBytes is { } own && options.BytesPerTablet > 0)
            {
                tablets = (int)Math.Clamp((own + options.BytesPerTablet - 1) / options.BytesPerTablet, 1, Math.Max(1, options.MaxTablets));
            }

            plan[(table.Schema, table.Name)] = new TableDistribution(table, colocated, tablets, size);
        }

        return plan;
    }

    /// <summary>
    /// Returns <paramref name="files"/> (already linted and fixed) with the YugabyteDB-only DDL added
    /// to the tables and indexes files, and one note per decision for the report.
    /// </summary>
    public static (IReadOnlyList<SchemaFile> Files, IReadOnlyList<string> Notes) Decorate(
        IReadOnlyList<SchemaFile> files, SourceSchema schema, SchemaExportOptions options)
    {
        var plan = Plan(schema, options);
        var notes = new List<string>();
        if (options.ColocateBelowBytes is { } below)
        {
            var colocated = plan.Values.Count(d => d.Colocated);
            notes.Add($"colocation: create the target database with `CREATE DATABASE name WITH COLOCATION = true` before the import; " +
                $"{colocated} table(s) under {FormatSize(below)} share its colocation tablet, the {plan.Count - colocated} larger one(s) are created WITH (COLOCATION = false)");
        }

        var result = files.Select(f => f.RelativePath switch
        {
            SchemaScript.PreData + "/06-tables.sql" => f with { Text = DecorateTables(f.Text, plan, options, notes) },
            SchemaScript.PostData + "/01-indexes.sql" => f with { Text = DecorateIndexes(f.Text, plan, notes) },
            _ => f,
        }).ToList();
        return (result, notes);
    }

    private static string DecorateTables(string text, IReadOnlyDictionary<(string, string), TableDistribution> plan, SchemaExportOptions options, List<string> notes)
    {
        var edits = new List<(int Start, int Length, string Text)>();
        foreach (var (start, statement) in Statements(text))
        {
            var header = CreateTable.Match(statement);
            var position = header.Length;
            if (!header.Success || ReadQualifiedName(statement, ref position) is not { } name || !plan.TryGetValue(name, out var d))
            {
                continue;
            }

            var t = d.Table;
            var what = new List<string>();
            if (!d.Colocated && t.InlineConstraints.FirstOrDefault(c => c.Kind == 'p') is { } pk)
            {
                var marker = "CONSTRAINT " + Quote(pk.Name) + " PRIMARY KEY (";
                var at = statement.IndexOf(marker, StringComparison.Ordinal);
                if (at >= 0 && ElementList(statement, at + marker.Length) is { } list && list.Elements.Count > 0)
                {
                    var keys = list.Elements.Select((e, i) => i == 0 ? "(" + e + ") HASH" : e + " ASC");
                    edits.Add((start + at + marker.Length, list.End - (at + marker.Length), string.Join(", ", keys)));
                    what.Add($"primary key hash-sharded on {list.Elements[0]}");
                }
            }

            var suffix = new StringBuilder();
            if (options.ColocateBelowBytes is not null && !d.Colocated)
            {
                suffix.Append(" WITH (COLOCATION = false)");
                what.Add("not colocated");
            }

            if (d.Tablets > 1)
            {
                suffix.Append(" SPLIT INTO ").Append(d.Tablets).Append(" TABLETS");
                what.Add($"pre-split into {d.Tablets} tablets");
            }

            if (suffix.Length > 0)
            {
                edits.Add((start + statement.TrimEnd().Length, 0, suffix.ToString()));
            }

            if (d.Colocated)
            {
                what.Add("colocated (range-sharded in the colocation tablet)");
            }

            if (what.Count > 0)
            {
                notes.Add($"table {t.QualifiedName} ({(d.Size is { } size ? FormatSize(size) : "size unknown")}): {string.Join(", ", what)}");
            }
        }

        return Apply(text, edits);
    }

    private static string DecorateIndexes(string text, IReadOnlyDictionary<(string, string), TableDistribution> plan, List<string> notes)
    {
        var edits = new List<(int Start, int Length, string Text)>();
        foreach (var (start, statement) in Statements(text))
        {
            var header = CreateIndex.Match(statement);
            var position = header.Length;
            if (!header.Success || ReadQualifiedName(statement, ref position) is not { } table
                || !plan.TryGetValue(table, out var d) || d.Colocated)
            {
                continue;
            }

            var label = Regex.Replace(statement[..header.Length].Trim(), @"\s+", " ") + " " + d.Table.QualifiedName;
            var method = UsingMethod.Match(statement, position);
            if (!method.Success || !method.Groups[1].Value.Equals("btree", StringComparison.OrdinalIgnoreCase)
                || ElementList(statement, method.Index + method.Length) is not { Elements.Count: > 0 } list)
            {
                continue;
            }

            var first = list.Elements[0];
            var rest = first[FirstTermLength(first)..].Trim();
            if (rest.Length == 0)
            {
                var end = method.Index + method.Length + list.FirstEnd;
                edits.Add((start + end, 0, " HASH"));
                notes.Add($"{label}: hash-sharded on {first}");
            }
            else if (OrderingWord.IsMatch(rest))
            {
                notes.Add($"{label}: kept range-sharded ({first}): the source orders it");
            }
        }

        return Apply(text, edits);
    }

    // The statements of a file, each with its offset.
    private static IEnumerable<(int Start, string Text)> Statements(string text) =>
        PsqlScriptSplitter.Split(text).Where(s => s.Kind == SegmentKind.Statement && s.Span.Length > 0)
            .Select(s => (s.Span.Start, text.Substring(s.Span.Start, s.Span.Length)));

    private static string Apply(string text, List<(int Start, int Length, string Text)> edits)
    {
        var s = new StringBuilder(text);
        foreach (var (start, length, replacement) in edits.OrderByDescending(e => e.Start))
        {
            s.Remove(start, length).Insert(start, replacement);
        }

        return s.ToString();
    }

    // A comma-separated list from just after '(' to its ')': the trimmed elements, where the first
    // ends (before trailing blanks) and where the ')' is, all relative to the statement. Null when unbalanced.
    private sealed record ElementSpan(List<string> Elements, int FirstEnd, int End);

    private static ElementSpan? ElementList(string s, int from)
    {
        var elements = new List<string>();
        var depth = 0;
        var itemStart = from;
        var firstEnd = -1;
        for (var i = from; i < s.Length; i++)
        {
            var c = s[i];
            if (c is '"' or '\'')
            {
                i = s.IndexOf(c, i + 1);
                while (i >= 0 && i + 1 < s.Length && s[i + 1] == c)
                {
                    i = s.IndexOf(c, i + 2);
                }

                if (i < 0)
                {
                    return null;
                }
            }
            else if (c == '(')
            {
                depth++;
            }
            else if (c == ')' && depth > 0)
            {
                depth--;
            }
            else if ((c == ',' && depth == 0) || c == ')')
            {
                var item = s[itemStart..i];
                if (elements.Count == 0)
                {
                    firstEnd = itemStart + item.TrimEnd().Length - from;
                }

                elements.Add(item.Trim());
                itemStart = i + 1;
                if (c == ')')
                {
                    return new ElementSpan(elements, firstEnd, i);
                }
            }
        }

        return null;
    }

    // The length of an index element's leading column name or parenthesized expression.
    private static int FirstTermLength(string element)
    {
        if (element.Length == 0)
        {
            return 0;
        }

        var close = element[0] switch
        {
            '"' => '"',
            '(' => ')',
            _ => '\0',
        };
        if (close == '\0')
        {
            // A name, or a function call as pg_get_indexdef prints it bare: lower(email).
            var i = 0;
            while (i < element.Length && !char.IsWhiteSpace(element[i]) && element[i] != '(')
            {
                i++;
            }

            return i < element.Length && element[i] == '(' ? (ElementList(element, i + 1)?.End + 1 ?? element.Length) : i;
        }

        if (close == '"')
        {
            return QuotedLength(element);
        }

        return ElementList(element, 1) is { } inner ? inner.End + 1 : element.Length;
    }

    private static int QuotedLength(string s)
    {
        var i = 1;
        while (i < s.Length)
        {
            if (s[i] == '"' && (i + 1 >= s.Length || s[i + 1] != '"'))
            {
                return i + 1;
            }

            i += s[i] == '"' ? 2 : 1;
        }

        return s.Length;
    }

    // schema.name at position (each part quoted or not), unquoted; null when not there.
    private static (string, string)? ReadQualifiedName(string s, ref int position)
    {
        var schema = ReadName(s, ref position);
        if (schema is null || position >= s.Length || s[position] != '.')
        {
            return null;
        }

        position++;
        var name = ReadName(s, ref position);
        return name is null ? null : (schema, name);
    }

    private static string? ReadName(string s, ref int position)
    {
        if (position >= s.Length)
        {
            return null;
        }

        if (s[position] == '"')
        {
            var length = QuotedLength(s[position..]);
            var quoted = s.Substring(position, length);
            position += length;
            return quoted.Length >= 2 && quoted[^1] == '"' ? quoted[1..^1].Replace("\"\"", "\"") : null;
        }

        var start = position;
        while (position < s.Length && (char.IsLetterOrDigit(s[position]) || s[position] is '_' or '$'))
        {
            position++;
        }

        return position > start ? s[start..position].ToLowerInvariant() : null;
    }

    /// <summary>A size for people: 1.5 GB, 120 MB, 12 kB.</summary>
    public static string FormatSize(long bytes) => bytes switch
    {
        >= 1L << 30 => (bytes / (double)(1L << 30)).ToString("0.#", CultureInfo.InvariantCulture) + " GB",
        >= 1L << 20 => (bytes / (double)(1L << 20)).ToString("0.#", CultureInfo.InvariantCulture) + " MB",
        >= 1L << 10 => (bytes / (double)(1L << 10)).ToString("0.#", CultureInfo.InvariantCulture) + " kB",
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " bytes",
    };

    /// <summary>Parses 100MB, 1.5GB, 512kB, 2048 (bytes); units 1024-based, case-insensitive.</summary>
    public static long ParseSize(string text)
    {
        var m = Regex.Match(text.Trim(), @"^(\d+(?:\.\d+)?)\s*(B|KB|MB|GB|TB)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        if (!m.Success)
        {
            throw new FormatException($"'{text}' is not a size (e.g. 100MB, 1.5GB)");
        }

        var factor = m.Groups[2].Value.ToUpperInvariant() switch
        {
            "KB" => 1L << 10,
            "MB" => 1L << 20,
            "GB" => 1L << 30,
            "TB" => 1L << 40,
            _ => 1L,
        };
        return (long)(double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) * factor);
    }
}
