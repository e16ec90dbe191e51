using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;

namespace YbMigrate.Migration.Verify;

/// <summary>
/// Compares one table's rows on both sides: counts, or the hash sum of the whole table; when the sums
/// differ, the key space is split at the source's quantiles and only the ranges whose sums differ are
/// split again, until a range is small enough to compare key by key.
/// </summary>
public sealed class DataComparer
{
    /// <summary>Key ranges of at most this many rows (on either side) are compared row by row.</summary>
    public const int RowByRowLimit = 2_000;

    /// <summary>How many parts a differing range is split into.</summary>
    public const int SplitParts = 16;

    private readonly IDataSide _source;
    private readonly IDataSide _target;
    private readonly int _maxRows;

    /// <summary>Compares through <paramref name="source"/> and <paramref name="target"/>, naming up to <paramref name="maxRows"/> rows per table.</summary>
    public DataComparer(IDataSide source, IDataSide target, int maxRows) => (_source, _target, _maxRows) = (source, target, maxRows);

    /// <summary>Compares <paramref name="table"/> as <paramref name="check"/> says.</summary>
    public TableVerification Compare(ComparedTable table, DataCheck check)
    {
        var clock = Stopwatch.StartNew();
        var result = new TableVerification { Table = table.QualifiedName };
        if (check == DataCheck.Count)
        {
            var (source, target) = Both(side => side.Count(table));
            (result.SourceRows, result.TargetRows, result.Method) = (source, target, "count");
            Conclude(result, source == target, $"row counts differ by {target - source:+#,0;-#,0}");
        }
        else
        {
            var (source, target) = Both(side => side.Checksum(table, KeyRange.All));
            (result.SourceRows, result.TargetRows) = (source.Rows, target.Rows);
            result.RangesCompared = 1;
            if (table.Key.Count == 0)
            {
                result.Method = "no primary key: whole-table checksum";
                Conclude(result, source == target, source.Rows == target.Rows ? "rows differ (same count)" : "row counts and rows differ");
            }
            else
            {
                result.Method = "checksum by key ranges";
                var found = new DifferenceCount();
                if (source != target)
                {
                    Narrow(table, KeyRange.All, source, target, result, found);
                }

                Conclude(result, source == target, $"{found.Rows:N0} row(s) differ{(found.Rows > result.Rows.Count ? $" (first {result.Rows.Count} shown)" : "")}");
            }
        }

        result.Elapsed = clock.Elapsed;
        return result;
    }

    private static void Conclude(TableVerification result, bool same, string difference)
    {
        result.Status = same ? VerifyStatus.Ok : VerifyStatus.Differs;
        result.Detail = same ? "" : difference;
    }

    private void Narrow(ComparedTable table, KeyRange range, RangeChecksum source, RangeChecksum target, TableVerification result, DifferenceCount found)
    {
        if (Math.Max(source.Rows, target.Rows) <= RowByRowLimit)
        {
            CompareRows(table, range, result, found);
            return;
        }

        // The larger side's quantiles: the rows to find are among them.
        var splitter = source.Rows >= target.Rows ? _source : _target;
        var bounds = splitter.Boundaries(table, range, SplitParts);
        if (bounds.Count == 0)
        {
            CompareRows(table, range, result, found);
            return;
        }

        var edges = new List<IReadOnlyList<string>?> { range.Lower };
        edges.AddRange(bounds);
        edges.Add(range.Upper);
        for (var i = 0; i + 1 < edges.Count; i++)
        {
            var part = new KeyRange(edges[i], edges[i + 1]);
            var (partSource, partTarget) = Both(side => side.Checksum(table, part));
            result.RangesCompared++;
            if (partSource != partTarget)
            {
                Narrow(table, part, partSource, partTarget, result, found);
            }
        }
    }

    private void CompareRows(ComparedTable table, KeyRange range, TableVerification result, DifferenceCount found)
    {
        var (source, target) = Both(side => side.RowHashes(table, range));
        var differences = source.Where(row => !target.TryGetValue(row.Key, out var hash) || hash != row.Value)
            .Select(row => new RowDifference(target.ContainsKey(row.Key) ? RowDifferenceKind.Changed : RowDifferenceKind.MissingInTarget, KeyText(table, row.Key)))
            .Concat(target.Keys.Where(key => !source.ContainsKey(key)).Select(key => new RowDifference(RowDifferenceKind.ExtraInTarget, KeyText(table, key))))
            .ToList();
        found.Rows += differences.Count;
        result.Rows.AddRange(differences.Take(_maxRows - result.Rows.Count));
    }

    // "(id)=(42)", "(order_id, line)=(7, 2)" as PostgreSQL names a key in its messages.
    private static string KeyText(ComparedTable table, string key) =>
        "(" + string.Join(", ", table.Key) + ")=(" + key.Replace(IDataSide.KeySeparator, ", ", StringComparison.Ordinal) + ")";

    // Both sides at once: each query reads its own server.
    private (T Source, T Target) Both<T>(Func<IDataSide, T> query)
    {
        var target = Task.Run(() => query(_target));
        var source = query(_source);
        return (source, target.GetAwaiter().GetResult());
    }

    private sealed class DifferenceCount
    {
        public long Rows { get; set; }
    }
}
