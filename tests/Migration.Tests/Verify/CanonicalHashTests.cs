using System;
using System.Linq;
using YbMigrate.Migration.Verify;

namespace YbMigrate.Migration.Tests.Verify;

/// <summary>The row hashes on the real PostgreSQL: the same rows hash the same whatever the session's settings; a change shows.</summary>
public sealed class CanonicalHashTests : IDisposable
{
    private const string Rows = """
        CREATE TABLE t (id int PRIMARY KEY, at timestamptz, d date, f double precision, b bytea, n numeric(12, 3), s text, j jsonb, i interval);
        INSERT INTO t SELECT g, '2024-03-01 12:00:00+02'::timestamptz + g * interval '1 minute', DATE '2024-01-01' + g, g / 3.0, decode(md5(g::text), 'hex'),
            g * 1.125, CASE WHEN g % 5 = 0 THEN NULL ELSE 'a, "b" (' || g || ')' END, jsonb_build_object('g', g), g * interval '90 minutes'
        FROM generate_series(1, 5000) g;
        """;

    private static readonly ComparedTable Table = new("public", "t", ["id", "at", "d", "f", "b", "n", "s", "j", "i"], Enumerable.Repeat("", 9).ToList(), ["id"], ["integer"]);

    private readonly TestDatabase _source = new();
    private readonly TestDatabase _target = new();

    public CanonicalHashTests()
    {
        _source.Execute(Rows);
        _target.Execute(Rows);
        // The target's sessions print dates and times otherwise: the hashes must not see it.
        _target.Execute($"ALTER DATABASE {_target.Name} SET TimeZone = 'America/New_York'; ALTER DATABASE {_target.Name} SET DateStyle = 'SQL, DMY'; " +
                        $"ALTER DATABASE {_target.Name} SET extra_float_digits = 0; ALTER DATABASE {_target.Name} SET IntervalStyle = 'iso_8601'");
    }

    public void Dispose()
    {
        _source.Dispose();
        _target.Dispose();
    }

    [Fact]
    public void The_same_rows_hash_the_same_under_other_session_settings_and_one_changed_value_is_found()
    {
        using var source = new PostgreSqlDataSide(_source.ConnectionString);
        using var target = new PostgreSqlDataSide(_target.ConnectionString);
        var comparer = new DataComparer(source, target, 10);

        var same = comparer.Compare(Table, DataCheck.Checksum);
        Assert.Equal(VerifyStatus.Ok, same.Status);
        Assert.Equal(5000, same.TargetRows);
        Assert.Equal(source.Checksum(Table, KeyRange.All), target.Checksum(Table, KeyRange.All));

        _target.Execute("UPDATE t SET f = f + 1e-12 WHERE id = 3333");
        var changed = comparer.Compare(Table, DataCheck.Checksum);
        Assert.Equal(VerifyStatus.Differs, changed.Status);
        Assert.Equal("(id)=(3333)", Assert.Single(changed.Rows).Key);
        Assert.True(changed.RangesCompared > 1);
    }
}
