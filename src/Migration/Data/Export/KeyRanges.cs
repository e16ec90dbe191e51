using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using System.Text;

namespace YbMigrate.Migration.Data.Export;

/// <summary>
/// Splits a table into key ranges, the same way for every source. Ranges are half-open and the
/// first and last are open-ended (key &lt; b1, b1 &lt;= key &lt; b2, ..., key &gt;= bn), so whatever the
/// boundaries are, every row falls in exactly one range: boundaries only decide the sizes.
/// </summary>
public static class KeyRanges
{
    /// <summary>
    /// How many files of at most about <paramref name="rowsPerFile"/> rows <paramref name="rows"/> rows
    /// make (at least one). A table that is split is split into a multiple of the
    /// <paramref name="readers"/>, so they share it evenly and finish together.
    /// </summary>
    public static int ChunkCount(long rows, long rowsPerFile, int readers = 1)
    {
        if (rowsPerFile < 1 || readers < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(rowsPerFile), "rows per file and readers must be at least 1");
        }

        var files = Math.Clamp((rows + rowsPerFile - 1) / rowsPerFile, 1, int.MaxValue / readers);
        return (int)(files == 1 ? 1 : (files + readers - 1) / readers * readers);
    }

    /// <summary>
    /// The boundaries that cut the integer keys <paramref name="min"/>..<paramref name="max"/> into
    /// <paramref name="chunks"/> ranges of equal width (fewer when there are fewer keys than chunks).
    /// </summary>
    public static IReadOnlyList<BigInteger> IntegerBoundaries(BigInteger min, BigInteger max, int chunks)
    {
        var span = max - min + 1;
        var width = BigInteger.Max(BigInteger.One, (span + chunks - 1) / chunks);
        var boundaries = new List<BigInteger>();
        for (var boundary = min + width; boundary <= max; boundary += width)
        {
            boundaries.Add(boundary);
        }

        return boundaries;
    }

    /// <summary>
    /// One condition per range cut by <paramref name="boundaries"/> (each a literal per key column,
    /// in key order), for a key of <paramref name="quotedKey"/> columns; none without boundaries.
    /// </summary>
    public static IReadOnlyList<string> Conditions(IReadOnlyList<string> quotedKey, IReadOnlyList<IReadOnlyList<string>> boundaries, KeyComparison comparison)
    {
        var conditions = new List<string>();
        for (var i = 0; boundaries.Count > 0 && i <= boundaries.Count; i++)
        {
            var lower = i == 0 ? null : Compare(quotedKey, boundaries[i - 1], ">=", comparison);
            var upper = i == boundaries.Count ? null : Compare(quotedKey, boundaries[i], "<", comparison);
            conditions.Add(lower is null ? upper! : upper is null ? lower : lower + " AND " + upper);
        }

        return conditions;
    }

    /// <summary>The chunks of <paramref name="table"/> for these conditions (one whole-table chunk when there are none).</summary>
    public static IReadOnlyList<ExportChunk> Chunks(ExportTable table, IReadOnlyList<string> conditions, long rows)
    {
        if (conditions.Count <= 1)
        {
            return [new ExportChunk(table, 1, 1, null, rows)];
        }

        var each = rows / conditions.Count;
        return conditions.Select((condition, i) => new ExportChunk(table, i + 1, conditions.Count, condition, each)).ToList();
    }

    // "key op literal" for one column; for several, a row comparison, or its expansion where the
    // dialect has none: (a, b) >= (x, y) is a > x OR (a = x AND b >= y).
    private static string Compare(IReadOnlyList<string> key, IReadOnlyList<string> literals, string op, KeyComparison comparison)
    {
        if (key.Count != literals.Count)
        {
            throw new ArgumentException($"a boundary has {literals.Count} value(s) for a key of {key.Count} column(s)");
        }

        if (key.Count == 1)
        {
            return $"{key[0]} {op} {literals[0]}";
        }

        if (comparison == KeyComparison.RowConstructor)
        {
            return $"({string.Join(", ", key)}) {op} ({string.Join(", ", literals)})";
        }

        var strict = op[..1];
        var text = new StringBuilder();
        for (var i = 0; i < key.Count; i++)
        {
            var last = i == key.Count - 1;
            var equalities = Enumerable.Range(0, i).Select(j => $"{key[j]} = {literals[j]} AND ");
            text.Append(i == 0 ? "(" : " OR ").Append('(').Append(string.Concat(equalities))
                .Append($"{key[i]} {(last ? op : strict)} {literals[i]})");
        }

        return text.Append(')').ToString();
    }
}

/// <summary>How a condition compares a key of several columns.</summary>
public enum KeyComparison
{
    /// <summary>PostgreSQL: (a, b) &gt;= (x, y), which a btree index on (a, b) serves.</summary>
    RowConstructor,

    /// <summary>SQL Server, which has no row constructors: a &gt; x OR (a = x AND b &gt;= y).</summary>
    Expanded,
}
