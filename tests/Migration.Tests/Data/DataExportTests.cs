using System;
using System.IO;
using System.Linq;
using System.Threading;
using YbMigrate.Migration.Data;
using YbMigrate.Migration.Data.Export;
using YbMigrate.Migration.Sources.PostgreSql;
using static YbMigrate.Migration.Tests.Data.ExportedData;

namespace YbMigrate.Migration.Tests.Data;

/// <summary>The data export against a real PostgreSQL: files loaded back with COPY give the source's rows exactly.</summary>
public sealed class DataExportTests : IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("ybm-data-export").FullName;

    public void Dispose() => Directory.Delete(_out, true);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Every_tricky_value_loads_back_unchanged_and_generated_columns_are_left_out(bool libPq)
    {
        using var database = new TestDatabase();
        database.Execute("""
            CREATE TYPE mood AS ENUM ('happy', 'it''s "complicated"');
            CREATE DOMAIN positive AS integer CHECK (VALUE > 0);
            CREATE TABLE tricky (
                id integer PRIMARY KEY, t text, vc varchar(20), ch char(3), b bytea, arr text[], iarr integer[], j jsonb, js json,
                n numeric(40, 12), f8 double precision, f4 real, ts timestamp, tstz timestamptz, d date, tm time, iv interval,
                m mood, p positive, u uuid, bo boolean, ip inet,
                doubled integer GENERATED ALWAYS AS (id * 2) STORED);
            INSERT INTO tricky (id) VALUES (1);
            INSERT INTO tricky VALUES (2, '', '', '', '\x', '{}', '{}', '{}', '""', 0, 0, 0, '2000-01-01', '2000-01-01 00:00+00', '2000-01-01',
                '00:00', '0', 'happy', 1, '00000000-0000-0000-0000-000000000000', false, '0.0.0.0');
            INSERT INTO tricky (id, t, vc, ch, arr, j, js, m) VALUES
                (3, 'a "quoted", comma', 'x,y', '"', '{"a,b","c\"d",NULL,"","NULL"}', '{"k": "v\nw", "n": 1.50}', '{"dup": 1, "dup": 2}', 'it''s "complicated"'),
                (4, E'line1\nline2\r\nline3\r', E'\r', E'\n', ARRAY[E'x\ny'], '[1, "two", null]', '  {"spaced": true}  ', NULL),
                (5, E'back\\slash \\N \\. \\x00', '\N', '\.', ARRAY['\N', '\.'], '"\\"', 'null', NULL),
                (6, '\.', '\.', NULL, NULL, NULL, NULL, NULL),
                (7, 'héllo ☃ 日本 🎉 ÿ', 'ünï', '日本', ARRAY['🎉'], '{"ü": "☃"}', NULL, NULL);
            INSERT INTO tricky (id, b, n, f8, f4, ts, tstz, d, tm, iv, p, u, bo, ip) VALUES
                (8, '\x00ff0a0d22', 'NaN', 'Infinity', '-Infinity', 'infinity', '-infinity', 'infinity', '24:00', '-1 year 2 mons -3 days 04:05:06.789', 2147483647,
                 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', true, '2001:db8::1/64'),
                (9, decode(repeat('00ff', 100), 'hex'), '1234567890123456789012345678.012345678901', 'NaN', 0.1, '1999-12-31 23:59:59.999999',
                 '2024-02-29 12:34:56.123456+05:30', '-infinity', '23:59:59.999999', '1 microsecond', 1, gen_random_uuid(), NULL, '::1'),
                (10, NULL, '-0.000000000001', 1e-300, 3.4e38, '0001-01-01 00:00:00', '1970-01-01 00:00:00+00', '4713-11-24 BC', NULL, NULL, NULL, NULL, NULL, NULL);
            CREATE TABLE one_column (v text);
            INSERT INTO one_column VALUES (NULL), (''), ('\.'), (NULL);
            """);

        var result = RunExport(database, _out, libPq: libPq);

        var tricky = Table(result, "public", "tricky");
        Assert.DoesNotContain("doubled", tricky.Columns);
        Assert.Equal(22, tricky.Columns.Count);
        Assert.Equal(["id"], tricky.PrimaryKey);
        Assert.Equal(10, tricky.RowCount);
        Assert.Equal("public.tricky.csv", Assert.Single(tricky.Files).Path);
        Assert.Null(tricky.Files[0].KeyRange);
        AssertFilesMatchManifest(_out, tricky);
        Assert.Equal(4, Table(result, "public", "one_column").RowCount);

        database.Execute("CREATE TABLE tricky_copy (LIKE tricky INCLUDING GENERATED); CREATE TABLE one_column_copy (v text);");
        Load(database, _out, tricky, "public.tricky_copy");
        Load(database, _out, Table(result, "public", "one_column"), "public.one_column_copy");
        Assert.Equal(0, Differences(database, "SELECT * FROM tricky", "SELECT * FROM tricky_copy"));
        Assert.Equal(0, Differences(database, "SELECT * FROM one_column", "SELECT * FROM one_column_copy"));
        Assert.Equal(["2"], database.Rows("SELECT count(*) FROM one_column_copy WHERE v IS NULL"));
        Assert.Equal(["", "\\."], database.Rows("SELECT v FROM one_column_copy WHERE v IS NOT NULL ORDER BY v"));
    }

    [Fact]
    public void Partitioned_tables_are_exported_by_leaf_partition_and_a_filter_on_the_parent_selects_them()
    {
        using var database = new TestDatabase();
        database.Execute("""
            CREATE SCHEMA "Sales";
            CREATE TABLE "Sales"."Events" (id bigint, "Region" text, "at" date, PRIMARY KEY (id, "Region", "at")) PARTITION BY LIST ("Region");
            CREATE TABLE "Sales"."Events EU" PARTITION OF "Sales"."Events" FOR VALUES IN ('eu');
            CREATE TABLE "Sales".events_none PARTITION OF "Sales"."Events" FOR VALUES IN ('none');
            CREATE TABLE "Sales".events_rest PARTITION OF "Sales"."Events" DEFAULT PARTITION BY RANGE ("at");
            CREATE TABLE "Sales".events_rest_2024 PARTITION OF "Sales".events_rest FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
            CREATE TABLE "Sales".events_rest_other PARTITION OF "Sales".events_rest DEFAULT;
            INSERT INTO "Sales"."Events" SELECT g, (ARRAY['eu', 'us', 'apac'])[g % 3 + 1], date '2023-06-01' + g FROM generate_series(1, 900) g;
            CREATE TABLE public.other (id int PRIMARY KEY);
            INSERT INTO public.other VALUES (1);
            """);

        var result = RunExport(database, _out, tables: ["Sales.Events"]);

        Assert.Equal(
            ["Sales.Events EU <- Sales.Events", "Sales.events_none <- Sales.Events", "Sales.events_rest_2024 <- Sales.events_rest", "Sales.events_rest_other <- Sales.events_rest"],
            result.Manifest.Tables.Select(t => $"{t.Schema}.{t.Name} <- {t.PartitionOf}"));
        Assert.Equal(0, Table(result, "Sales", "events_none").RowCount);
        Assert.Equal(0, Assert.Single(Table(result, "Sales", "events_none").Files).Bytes);
        Assert.Equal(900, result.Manifest.Tables.Sum(t => t.RowCount));
        Assert.Equal(["id", "Region", "at"], Table(result, "Sales", "Events EU").Columns);

        database.Execute("""CREATE TABLE events_copy (LIKE "Sales"."Events")""");
        foreach (var table in result.Manifest.Tables)
        {
            AssertFilesMatchManifest(_out, table);
            Load(database, _out, table, "public.events_copy");
        }

        Assert.Equal(0, Differences(database, """SELECT * FROM "Sales"."Events" """, "SELECT * FROM events_copy"));
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(false, false)]
    public void Large_tables_are_split_by_page_or_key_ranges_into_files_that_hold_every_row_once(bool libPq, bool byPages)
    {
        using var database = new TestDatabase();
        database.Execute("""
            CREATE SCHEMA "Sales";
            CREATE TABLE ints (id bigint PRIMARY KEY, v text);
            INSERT INTO ints SELECT g * 3 - 5000, 'row ' || g FROM generate_series(1, 10000) g;
            CREATE TABLE "Sales"."Order Lines" ("order" integer, "Line No" text, "Select" integer, PRIMARY KEY ("order", "Line No"));
            INSERT INTO "Sales"."Order Lines" SELECT g / 7, 'line ' || (g % 7), g FROM generate_series(1, 10000) g;
            CREATE TABLE uuids (u uuid PRIMARY KEY DEFAULT gen_random_uuid(), v integer);
            INSERT INTO uuids (v) SELECT g FROM generate_series(1, 10000) g;
            CREATE TABLE heap (v integer, s text);
            INSERT INTO heap SELECT g % 5000, 'same ' || (g % 5000) FROM generate_series(1, 10000) g;
            """);

        var result = RunExport(database, _out, parallel: 3, rowsPerFile: 1000, libPq: libPq, byPages: byPages);

        foreach (var (schema, name, copy) in new[]
        {
            ("public", "ints", "ints_copy"), ("Sales", "Order Lines", "order_lines_copy"), ("public", "uuids", "uuids_copy"), ("public", "heap", "heap_copy"),
        })
        {
            var table = Table(result, schema, name);
            Assert.True(table.Files.Count >= 5, $"{name}: {table.Files.Count} file(s)");
            Assert.All(table.Files, f => Assert.NotNull(f.KeyRange));
            Assert.Equal(10000, table.RowCount);
            AssertFilesMatchManifest(_out, table);
            var qualified = Sql.SqlIdentifier.Qualify(schema, name);
            database.Execute($"CREATE TABLE {copy} (LIKE {qualified})");
            Load(database, _out, table, "public." + copy);
            Assert.Equal(0, Differences(database, $"SELECT * FROM {qualified}", $"SELECT * FROM {copy}"));
        }

        Assert.StartsWith("ctid < '(", Table(result, "public", "heap").Files[0].KeyRange);
        if (byPages)
        {
            Assert.All(result.Manifest.Tables.SelectMany(t => t.Files), f => Assert.StartsWith("ctid ", f.KeyRange));
            Assert.Equal("ctid >= '(", Table(result, "public", "ints").Files[^1].KeyRange![..10]); // the last range is open-ended
        }
        else
        {
            Assert.StartsWith("""("order", "Line No") < (""", Table(result, "Sales", "Order Lines").Files[0].KeyRange);
            Assert.Equal("id < -2497", Table(result, "public", "ints").Files[0].KeyRange);
        }
    }

    [Theory]
    [InlineData(2500, 4, "Seq Scan")]
    [InlineData(1000, 10, "Tid Range Scan")]
    public void A_table_of_few_page_ranges_is_read_by_sequential_scans_and_one_of_many_by_tid_range_scans(long rowsPerFile, int ranges, string scan)
    {
        using var database = new TestDatabase();
        database.Execute("CREATE TABLE pages (id integer PRIMARY KEY, v text); INSERT INTO pages SELECT g, repeat('x', 100) FROM generate_series(1, 10000) g;");
        database.Execute("ANALYZE pages");
        using var source = new PostgreSqlSource(database.ConnectionString);
        var chunks = source.PlanChunks(source.ReadTables().Single(t => t.Name == "pages"), rowsPerFile, readers: 2);
        using var connection = new Npgsql.NpgsqlConnection(database.ConnectionString);
        connection.Open();

        Assert.Equal(ranges, chunks.Count);
        foreach (var chunk in chunks)
        {
            using var setting = new Npgsql.NpgsqlCommand(PostgreSqlTableReader.ScanSetting(chunk), connection);
            setting.ExecuteNonQuery();
            using var explain = new Npgsql.NpgsqlCommand($"EXPLAIN (COSTS OFF) SELECT * FROM ONLY public.pages WHERE {chunk.Condition}", connection);
            Assert.StartsWith(scan + " on pages", (string)explain.ExecuteScalar()!);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Rows_that_move_to_other_pages_during_an_export_by_page_ranges_are_exported_once_as_the_snapshot_saw_them(bool libPq)
    {
        using var database = new TestDatabase();
        database.Execute("""
            CREATE TABLE moving (id integer PRIMARY KEY, v text);
            INSERT INTO moving SELECT g, 'before ' || g FROM generate_series(1, 6000) g;
            DELETE FROM moving WHERE id <= 2000 AND id % 4 <> 0;
            CREATE TABLE expected AS SELECT * FROM moving;
            CREATE TABLE pages_before AS SELECT id, (ctid::text::point)[0] AS page FROM moving;
            """);
        database.Execute("VACUUM ANALYZE moving"); // free space in the first pages
        var changed = 0;

        // One reader, the chunks in page order: after the first file, every row gets a new version,
        // in the free space of the pages already read or after the last planned page.
        var result = RunExport(database, _out, parallel: 1, rowsPerFile: 2000, tables: ["moving"], libPq: libPq, fileDone: _ =>
        {
            if (Interlocked.Increment(ref changed) == 1)
            {
                database.Execute("UPDATE moving SET v = 'after ' || id; INSERT INTO moving SELECT g, 'new' FROM generate_series(6001, 7000) g;");
            }
        });

        var files = Table(result, "public", "moving").Files;
        Assert.Equal(3, files.Count);
        var firstUnread = Page(files[0].KeyRange!, "ctid < ");
        var lastStart = Page(files[2].KeyRange!, "ctid >= ");
        Assert.Equal(["back into read pages: true, on into unread ones: true"], database.Rows(
            $"SELECT 'back into read pages: ' || bool_or(b.page >= {firstUnread} AND now.page < {firstUnread}) || ', on into unread ones: ' || bool_or(b.page < {lastStart} AND now.page >= {lastStart}) " +
            "FROM (SELECT id, (ctid::text::point)[0] AS page FROM moving) now JOIN pages_before b USING (id)"));
        database.Execute("CREATE TABLE moving_copy (LIKE moving)");
        Load(database, _out, Table(result, "public", "moving"), "public.moving_copy");
        Assert.Equal(0, Differences(database, "SELECT * FROM expected", "SELECT * FROM moving_copy"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Rows_written_after_the_export_started_are_not_in_the_files(bool libPq)
    {
        using var database = new TestDatabase();
        database.Execute("""
            CREATE TABLE first_table (id integer PRIMARY KEY, v text);
            CREATE TABLE second_table (id integer PRIMARY KEY, v text);
            INSERT INTO first_table SELECT g, 'before' FROM generate_series(1, 3000) g;
            INSERT INTO second_table SELECT g, 'before' FROM generate_series(1, 3000) g;
            CREATE TABLE expected AS SELECT 'first' AS t, * FROM first_table UNION ALL SELECT 'second', * FROM second_table;
            """);
        var changed = 0;

        // One reader: every file after the first is read after these changes are committed.
        var result = RunExport(database, _out, parallel: 1, rowsPerFile: 1000, tables: ["first_table", "second_table"], libPq: libPq, fileDone: _ =>
        {
            if (Interlocked.Increment(ref changed) == 1)
            {
                database.Execute("""
                    INSERT INTO first_table SELECT g, 'after' FROM generate_series(3001, 4000) g;
                    INSERT INTO second_table SELECT g, 'after' FROM generate_series(3001, 4000) g;
                    UPDATE first_table SET v = 'updated'; UPDATE second_table SET v = 'updated';
                    DELETE FROM second_table WHERE id % 2 = 0;
                    """);
            }
        });

        Assert.Equal(6, changed);
        Assert.NotNull(result.Manifest.Snapshot);
        database.Execute("CREATE TABLE first_copy (LIKE first_table); CREATE TABLE second_copy (LIKE second_table);");
        Load(database, _out, Table(result, "public", "first_table"), "public.first_copy");
        Load(database, _out, Table(result, "public", "second_table"), "public.second_copy");
        Assert.Equal(0, Differences(database, "SELECT * FROM expected",
            "SELECT 'first' AS t, * FROM first_copy UNION ALL SELECT 'second', * FROM second_copy"));
        Assert.Equal(["1500 | 500"], database.Rows("SELECT count(*) FILTER (WHERE id <= 3000), count(*) FILTER (WHERE id > 3000) FROM second_table"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_failing_table_or_chunk_is_named_and_leaves_no_manifest_nor_partial_file(bool libPq)
    {
        using var database = new TestDatabase();
        var role = "ybm_reader_" + Guid.NewGuid().ToString("N")[..8];
        database.Execute($"""
            CREATE TABLE readable (id integer PRIMARY KEY);
            CREATE TABLE secret (id integer PRIMARY KEY, v text);
            INSERT INTO readable SELECT generate_series(1, 100);
            INSERT INTO secret SELECT g, 'hidden' FROM generate_series(1, 3000) g;
            CREATE ROLE {role} LOGIN;
            GRANT SELECT ON readable TO {role};
            """);
        try
        {
            var connection = new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString) { Username = role }.ConnectionString;

            // Planning counts the rows: without any privilege on secret that fails, before any file.
            var planning = Assert.Throws<DataExportException>(() => RunExport(database, _out, parallel: 1, rowsPerFile: 1000, connectionString: connection));
            Assert.Equal("public.secret", planning.Table);
            Assert.Null(planning.Chunk);
            Assert.Matches(@"^table public\.secret: .*permission denied for table secret", planning.Message);
            AssertNothingComplete();

            // The key alone is readable: the chunks are planned, reading a chunk's rows fails.
            database.Execute($"GRANT SELECT (id) ON secret TO {role}");
            var reading = Assert.Throws<DataExportException>(() => RunExport(database, _out, parallel: 2, rowsPerFile: 1000, connectionString: connection, libPq: libPq));
            Assert.Equal("public.secret", reading.Table);
            Assert.Matches(@"^table public\.secret chunk [1-4]/4 \(ctid .*\): .*permission denied for table secret", reading.Message);
            Assert.Contains("run the export again", reading.Message);
            Assert.Contains(libPq ? "ERROR:  permission denied" : "42501: permission denied", reading.Message); // libpq and Npgsql word it differently: the reader asked for ran
            AssertNothingComplete();
        }
        finally
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            database.Execute($"DROP OWNED BY {role}; DROP ROLE {role};");
        }
    }

    // The page of a range's bound, "ctid < '(14,0)'::pg_catalog.tid": 14.
    private static int Page(string range, string prefix) =>
        int.Parse(System.Text.RegularExpressions.Regex.Match(range, "^" + prefix + @"'\((\d+),0\)'").Groups[1].Value);

    private void AssertNothingComplete()
    {
        var data = DataManifest.DataDirectory(_out);
        Assert.False(File.Exists(Path.Combine(data, DataManifest.FileName)));
        Assert.True(!Directory.Exists(data) || !Directory.EnumerateFiles(data, "*.partial").Any());
        Assert.Throws<DataManifestException>(() => DataManifest.Read(_out));
    }

    [Fact]
    public void An_unknown_table_is_refused_before_anything_is_written_and_a_new_export_replaces_the_old_files()
    {
        using var database = new TestDatabase();
        database.Execute("CREATE TABLE kept (id integer PRIMARY KEY); CREATE TABLE dropped_later (id integer PRIMARY KEY);");
        RunExport(database, _out);
        var data = DataManifest.DataDirectory(_out);
        Assert.True(File.Exists(Path.Combine(data, "public.dropped_later.csv")));

        var unknown = Assert.Throws<DataExportException>(() => RunExport(database, _out, tables: ["kept", "public.nope", "Kept"]));
        Assert.Null(unknown.Table);
        Assert.Contains("not found in the source: public.nope, Kept", unknown.Message);
        Assert.Equal(2, DataManifest.Read(_out).Tables.Count);

        var result = RunExport(database, _out, tables: ["public.kept"]);

        Assert.Equal(["kept"], result.Manifest.Tables.Select(t => t.Name));
        Assert.Equal(["manifest.json", "public.kept.csv"], Directory.EnumerateFiles(data).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }
}
