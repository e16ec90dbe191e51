using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using YbMigrate.Migration.Data.Export;

namespace YbMigrate.Migration.Tests.Data;

public sealed class KeyRangesTests
{
    [Theory]
    [InlineData(0, 1000, 1, 1)]
    [InlineData(1000, 1000, 2, 1)]
    [InlineData(1001, 1000, 1, 2)]
    [InlineData(2_000_000, 1_000_000, 2, 2)]
    [InlineData(2_000_011, 1_000_000, 1, 3)]
    [InlineData(2_000_011, 1_000_000, 2, 4)]
    [InlineData(10_500, 1000, 4, 12)]
    [InlineData(999, 1000, 8, 1)]
    public void Chunk_count_rounds_up_to_a_multiple_of_the_readers_when_a_table_is_split(long rows, long rowsPerFile, int readers, int expected) =>
        Assert.Equal(expected, KeyRanges.ChunkCount(rows, rowsPerFile, readers));

    [Fact]
    public void Integer_keys_are_cut_into_ranges_of_equal_width()
    {
        Assert.Equal([26, 51, 76], KeyRanges.IntegerBoundaries(1, 100, 4).Select(b => (int)b));
        Assert.Empty(KeyRanges.IntegerBoundaries(5, 5, 3));
        Assert.Equal([6, 7], KeyRanges.IntegerBoundaries(5, 7, 10).Select(b => (int)b));
        // The whole bigint range does not overflow.
        Assert.Equal([BigInteger.Zero], KeyRanges.IntegerBoundaries(long.MinValue, long.MaxValue, 2));
    }

    [Fact]
    public void One_column_conditions_are_half_open_and_open_ended()
    {
        IReadOnlyList<IReadOnlyList<string>> boundaries = [["26"], ["51"]];

        Assert.Equal(["id < 26", "id >= 26 AND id < 51", "id >= 51"], KeyRanges.Conditions(["id"], boundaries, KeyComparison.RowConstructor));
        Assert.Empty(KeyRanges.Conditions(["id"], [], KeyComparison.RowConstructor));
    }

    [Fact]
    public void Several_column_keys_use_row_comparisons_or_their_expansion()
    {
        IReadOnlyList<IReadOnlyList<string>> boundaries = [["1", "N'x'"]];

        Assert.Equal(["(a, b) < (1, N'x')", "(a, b) >= (1, N'x')"], KeyRanges.Conditions(["a", "b"], boundaries, KeyComparison.RowConstructor));
        Assert.Equal(["((a < 1) OR (a = 1 AND b < N'x'))", "((a > 1) OR (a = 1 AND b >= N'x'))"],
            KeyRanges.Conditions(["a", "b"], boundaries, KeyComparison.Expanded));
    }

    [Fact]
    public void Expanded_and_row_comparisons_put_every_row_in_the_same_single_range_on_a_real_server()
    {
        using var database = new TestDatabase();
        database.Execute("CREATE TABLE k (a int, b int, c int); INSERT INTO k SELECT a, b, c FROM generate_series(0, 3) a, generate_series(0, 3) b, generate_series(0, 3) c;");
        IReadOnlyList<IReadOnlyList<string>> boundaries = [["1", "2", "0"], ["2", "0", "3"], ["3", "3", "1"]];
        var expanded = KeyRanges.Conditions(["a", "b", "c"], boundaries, KeyComparison.Expanded);
        var rows = KeyRanges.Conditions(["a", "b", "c"], boundaries, KeyComparison.RowConstructor);

        // For each row: the index of every range it is in, by each form; exactly one, the same.
        string Ranges(IReadOnlyList<string> conditions) =>
            "array_remove(ARRAY[" + string.Join(", ", conditions.Select((c, i) => $"CASE WHEN {c} THEN {i} END")) + "], NULL)";
        var result = database.Rows($"SELECT {Ranges(expanded)} = {Ranges(rows)}, cardinality({Ranges(expanded)}) FROM k");

        Assert.Equal(64, result.Count);
        Assert.All(result, r => Assert.Equal("True | 1", r));
        // Row (a, b, c) is number 16a + 4b + c in key order; the boundaries are rows 24, 35 and 61.
        Assert.Equal(["24 | 11 | 26 | 3"], database.Rows(
            "SELECT " + string.Join(", ", expanded.Select(c => $"count(*) FILTER (WHERE {c})")) + " FROM k"));
    }
}
