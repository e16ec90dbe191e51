using System;
using System.Collections.Generic;
using System.Data;
using System.Data.SqlTypes;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using Npgsql;
using YbMigrate.Migration.Data.Export;
using YbMigrate.Migration.Sources.SqlServer;
using static YbMigrate.Migration.Sources.SqlServer.CopyCsvValue;

namespace YbMigrate.Migration.Tests.SqlServer;

/// <summary>
/// The SQL Server side of the data export without a SQL Server: the values SqlClient returns written
/// as COPY CSV (and loaded into a real PostgreSQL), the queries the export sends, the snapshot decision.
/// </summary>
public sealed class SqlServerDataTests
{
    [Fact]
    public void Values_are_written_in_the_text_postgresql_reads()
    {
        Assert.Null(Format(null));
        Assert.Null(Format(DBNull.Value));
        Assert.Null(Format(SqlDecimal.Null));
        Assert.Equal("", Format(""));
        Assert.Equal("a \"b\",\r\nc\\N", Format("a \"b\",\r\nc\\N"));
        Assert.Equal("x", Format('x'));
        Assert.Equal("t", Format(true));
        Assert.Equal("f", Format(false));
        Assert.Equal("255", Format((byte)255));
        Assert.Equal("-32768", Format(short.MinValue));
        Assert.Equal("-9223372036854775808", Format(long.MinValue));
        Assert.Equal("1.50", Format(1.50m));
        Assert.Equal("-0.0000000001", Format(-0.0000000001m));
        Assert.Equal("12345678901234567890123456789.123456789", Format(SqlDecimal.Parse("12345678901234567890123456789.123456789")));
        Assert.Equal("0.1", Format(0.1));
        Assert.Equal("1E-300", Format(1e-300));
        Assert.Equal("1.7976931348623157E+308", Format(double.MaxValue));
        Assert.Equal("0.1", Format(0.1f));
        Assert.Equal("Infinity", Format(double.PositiveInfinity));
        Assert.Equal("-Infinity", Format(float.NegativeInfinity));
        Assert.Equal("NaN", Format(double.NaN));
        Assert.Equal("\\x00ff10", Format(new byte[] { 0, 255, 16 }));
        Assert.Equal("\\x", Format(Array.Empty<byte>()));
        Assert.Equal("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", Format(Guid.Parse("A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11")));
        Assert.Equal("2024-02-29 12:34:56.1234567", Format(new DateTime(2024, 2, 29, 12, 34, 56).AddTicks(1234567)));
        Assert.Equal("2024-02-29 12:34:56.5", Format(new DateTime(2024, 2, 29, 12, 34, 56, 500)));
        Assert.Equal("2024-02-29 00:00:01", Format(new DateTime(2024, 2, 29, 0, 0, 1)));
        Assert.Equal("2024-02-29", Format(new DateTime(2024, 2, 29)));
        Assert.Equal("0001-01-01", Format(DateTime.MinValue));
        Assert.Equal("2024-01-01 10:00:00+05:30", Format(new DateTimeOffset(2024, 1, 1, 10, 0, 0, TimeSpan.FromMinutes(330))));
        Assert.Equal("2024-01-01 10:00:00.25-08:00", Format(new DateTimeOffset(2024, 1, 1, 10, 0, 0, 250, TimeSpan.FromHours(-8))));
        Assert.Equal("2024-02-29", Format(new DateOnly(2024, 2, 29)));
        Assert.Equal("13:05:07", Format(new TimeSpan(13, 5, 7)));
        Assert.Equal("13:05:07.0000001", Format(new TimeSpan(13, 5, 7) + TimeSpan.FromTicks(1)));
        Assert.Equal("00:00:00.5", Format(new TimeOnly(0, 0, 0, 500)));
    }

    [Fact]
    public void Values_postgresql_cannot_hold_are_refused_with_why()
    {
        Assert.Contains("NUL character", Assert.Throws<FormatException>(() => Format("a\0b")).Message);
        Assert.Contains("not a time of day", Assert.Throws<FormatException>(() => Format(TimeSpan.FromDays(1))).Message);
        Assert.Contains("System.Object", Assert.Throws<NotSupportedException>(() => Format(new object())).Message);
    }

    [Fact]
    public void Rows_written_through_CsvHelper_load_into_postgresql_with_null_and_empty_kept_apart()
    {
        var data = new DataTable();
        foreach (var (name, type) in new (string, Type)[]
        {
            ("id", typeof(int)), ("s", typeof(string)), ("b", typeof(byte[])), ("flag", typeof(bool)), ("d", typeof(SqlDecimal)), ("m", typeof(decimal)),
            ("f", typeof(double)), ("r", typeof(float)), ("ts", typeof(DateTime)), ("tso", typeof(DateTimeOffset)), ("tm", typeof(TimeSpan)), ("g", typeof(Guid)),
        })
        {
            data.Columns.Add(name, type);
        }

        data.Rows.Add(1);
        data.Rows.Add(2, "", Array.Empty<byte>(), false, new SqlDecimal(0), 0m, 0.0, 0f, new DateTime(2000, 1, 1), DateTimeOffset.UnixEpoch, TimeSpan.Zero, Guid.Empty);
        data.Rows.Add(3, "a \"quoted\", comma\nnew line\r\nend\r", new byte[] { 0, 255, 10, 13, 34 }, true,
            SqlDecimal.Parse("12345678901234567890123456789.123456789"), -1.50m, 0.1, 3.4e38f, new DateTime(2024, 2, 29, 12, 34, 56).AddTicks(1234560),
            new DateTimeOffset(2024, 2, 29, 12, 34, 56, TimeSpan.FromMinutes(330)), new TimeSpan(0, 23, 59, 59, 999) + TimeSpan.FromTicks(9990),
            Guid.Parse("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"));
        data.Rows.Add(4, "\\.", null, null, SqlDecimal.Null);
        data.Rows.Add(5, "héllo ☃ 日本 🎉 \\N \\x00", null);

        var csv = Write(data);

        Assert.StartsWith("1,,,,,,,,,,,\n2,\"\",\\x,f,0,0,0,0,2000-01-01,1970-01-01 00:00:00+00:00,00:00:00,00000000-0000-0000-0000-000000000000\n", csv);
        Assert.Contains("\n4,\"\\.\",,,,,,,,,,\n", csv);
        var rows = LoadIntoPostgreSql(csv,
            "id int, s text, b bytea, flag boolean, d numeric(38, 9), m numeric(19, 4), f double precision, r real, ts timestamp(6), tso timestamptz, tm time, g uuid",
            "id, s, b, flag, d, m, f, r, ts, tso, tm, g", "id, s IS NULL, s, encode(b, 'hex'), flag::text, d::text, m::text, f::text, r::text, ts::text, (tso AT TIME ZONE 'UTC')::text, tm::text, g::text " +
            "FROM loaded ORDER BY id");

        Assert.Equal(
        [
            "1 | True | NULL | NULL | NULL | NULL | NULL | NULL | NULL | NULL | NULL | NULL | NULL",
            "2 | False |  |  | false | 0.000000000 | 0.0000 | 0 | 0 | 2000-01-01 00:00:00 | 1970-01-01 00:00:00 | 00:00:00 | 00000000-0000-0000-0000-000000000000",
            "3 | False | a \"quoted\", comma\nnew line\r\nend\r | 00ff0a0d22 | true | 12345678901234567890123456789.123456789 | -1.5000 | 0.1 | 3.4e+38 | " +
                "2024-02-29 12:34:56.123456 | 2024-02-29 07:04:56 | 23:59:59.999999 | a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
            "4 | False | \\. | NULL | NULL | NULL | NULL | NULL | NULL | NULL | NULL | NULL | NULL",
            "5 | False | héllo ☃ 日本 🎉 \\N \\x00 | NULL | NULL | NULL | NULL | NULL | NULL | NULL | NULL | NULL | NULL",
        ], rows);
    }

    [Fact]
    public void A_one_column_null_is_an_empty_line_as_copy_writes_it()
    {
        var data = new DataTable();
        data.Columns.Add("v", typeof(string));
        data.Rows.Add(DBNull.Value);
        data.Rows.Add("");
        data.Rows.Add("\\.");
        data.Rows.Add(DBNull.Value);

        var csv = Write(data);

        Assert.Equal("\n\"\"\n\"\\.\"\n\n", csv);
        Assert.Equal(["True | NULL", "False | ", "False | \\.", "True | NULL"], LoadIntoPostgreSql(csv, "n serial, v text", "v", "v IS NULL, v FROM loaded ORDER BY n"));
    }

    [Fact]
    public void A_value_that_cannot_be_written_names_its_column_and_row()
    {
        var data = new DataTable();
        data.Columns.Add("id", typeof(int));
        data.Columns.Add("Notes", typeof(string));
        data.Rows.Add(1, "fine");
        data.Rows.Add(2, "nul\0here");

        var failure = Assert.Throws<InvalidDataException>(() => Write(data));

        Assert.StartsWith("column Notes, row 2 of the chunk: the text holds a NUL character", failure.Message);
    }

    [Fact]
    public void Chunk_selects_quote_names_and_convert_what_sqlclient_cannot_hand_over()
    {
        var table = new ExportTable("Sales", "Order]s", [new("Id", "bigint"), new("Location", "geography"), new("Node", "hierarchyid"),
            new("Extra", "sql_variant"), new("Shape", "GEOMETRY"), new("select", "nvarchar")], [new("Id", "bigint")]);

        Assert.Equal(
            "SELECT [Id], [Location].STAsText() AS [Location], [Node].ToString() AS [Node], CONVERT(nvarchar(max), [Extra]) AS [Extra], " +
            "[Shape].STAsText() AS [Shape], [select] FROM [Sales].[Order]]s];",
            SqlServerDataQueries.Select(new ExportChunk(table, 1, 1, null, 0)));
        Assert.Equal("SELECT [Id] FROM [dbo].[t] WHERE [Id] >= 10 AND [Id] < 20;",
            SqlServerDataQueries.Select(new ExportChunk(new ExportTable("dbo", "t", [new("Id", "int")], [new("Id", "int")]), 2, 3, "[Id] >= 10 AND [Id] < 20", 0)));
        Assert.Equal("SELECT MIN([Id]), MAX([Id]) FROM [Sales].[Order]]s];", SqlServerDataQueries.MinMax(table));
        Assert.Equal("SELECT COUNT_BIG(*) FROM [Sales].[Order]]s];", SqlServerDataQueries.Count(table));
        Assert.True(SqlServerDataQueries.HasIntegerKey(table));
    }

    [Fact]
    public void Other_keys_are_cut_at_every_nth_key_in_key_order()
    {
        var table = new ExportTable("dbo", "PlaylistTrack", [new("PlaylistId", "int"), new("TrackId", "int")], [new("PlaylistId", "int"), new("TrackId", "int")]);

        Assert.False(SqlServerDataQueries.HasIntegerKey(table));
        Assert.Equal(
            "SELECT [PlaylistId], [TrackId] FROM (SELECT [PlaylistId], [TrackId], ROW_NUMBER() OVER (ORDER BY [PlaylistId], [TrackId]) AS [n] " +
            "FROM [dbo].[PlaylistTrack]) AS [k] WHERE ([n] - 1) % 5000 = 0 AND [n] > 1 ORDER BY [n];",
            SqlServerDataQueries.Boundaries(table, 5000));
        Assert.Equal(["(([PlaylistId] < 1) OR ([PlaylistId] = 1 AND [TrackId] < 3402))", "(([PlaylistId] > 1) OR ([PlaylistId] = 1 AND [TrackId] >= 3402))"],
            KeyRanges.Conditions(["[PlaylistId]", "[TrackId]"], [[SqlServerDataQueries.Literal(1), SqlServerDataQueries.Literal(3402)]], KeyComparison.Expanded));
    }

    [Fact]
    public void Key_values_become_literals_of_their_type()
    {
        Assert.Equal("N'O''Brien ☃'", SqlServerDataQueries.Literal("O'Brien ☃"));
        Assert.Equal("42", SqlServerDataQueries.Literal(42L));
        Assert.Equal("1", SqlServerDataQueries.Literal(true));
        Assert.Equal("12.50", SqlServerDataQueries.Literal(12.50m));
        Assert.Equal("0x00FF", SqlServerDataQueries.Literal(new byte[] { 0, 255 }));
        Assert.Equal("CONVERT(float, '0.1')", SqlServerDataQueries.Literal(0.1));
        Assert.Equal("CONVERT(uniqueidentifier, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11')", SqlServerDataQueries.Literal(Guid.Parse("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")));
        Assert.Equal("CONVERT(datetime2(7), '2024-02-29T12:34:56.1234567', 126)", SqlServerDataQueries.Literal(new DateTime(2024, 2, 29, 12, 34, 56).AddTicks(1234567)));
        Assert.Equal("CONVERT(datetimeoffset(7), '2024-02-29T12:34:56.0000000+05:30', 127)",
            SqlServerDataQueries.Literal(new DateTimeOffset(2024, 2, 29, 12, 34, 56, TimeSpan.FromMinutes(330))));
        Assert.Equal("CONVERT(time(7), '08:30:00')", SqlServerDataQueries.Literal(new TimeSpan(8, 30, 0)));
    }

    [Fact]
    public void Snapshot_isolation_is_used_when_the_database_allows_it_and_a_warning_says_what_otherwise()
    {
        Assert.Equal("SELECT snapshot_isolation_state FROM sys.databases WHERE name = DB_NAME();", SqlServerDataQueries.SnapshotIsolationState);
        var (on, note) = SqlServerDataQueries.SnapshotDecision((byte)1);
        Assert.True(on);
        Assert.Contains("each reader reads its own snapshot", note);
        foreach (var state in new object?[] { (byte)0, (byte)2, (byte)3, null })
        {
            var (snapshot, warning) = SqlServerDataQueries.SnapshotDecision(state);
            Assert.False(snapshot);
            Assert.Contains("ALLOW_SNAPSHOT_ISOLATION ON", warning);
        }
    }

    [Fact]
    public void Tables_come_from_the_catalog_with_every_column_the_primary_key_and_the_row_count()
    {
        var tables = SqlServerDataQueries.ReadTables(ChinookCatalogRows.Catalog);

        Assert.Equal(12, tables.Count);
        var track = tables.Single(t => t.Name == "PlaylistTrack");
        Assert.Equal(["PlaylistId", "TrackId"], track.PrimaryKey.Select(c => c.Name));
        Assert.Null(track.RowEstimate);
        var order = tables.Single(t => t.DisplayName == "sales.Order");
        Assert.Equal(15, order.Columns.Count); // computed columns too: the target has them as plain columns
        Assert.Equal(new ExportColumn("Location", "geography"), order.Columns[11]);
        Assert.Equal([new ExportColumn("OrderId", "bigint")], order.PrimaryKey);

        var rows = new Dictionary<string, IReadOnlyList<IReadOnlyDictionary<string, object?>>>(ChinookCatalogRows.Rows)
        {
            [SqlServerDataQueries.RowCounts.Name] = [new Dictionary<string, object?> { ["object_id"] = 2001, ["row_count"] = 1_500_000L }],
        };
        Assert.Equal(1_500_000, SqlServerDataQueries.ReadTables(new RecordedCatalog(rows)).Single(t => t.Name == "Order").RowEstimate);
    }

    private static string Write(DataTable data)
    {
        using var output = new MemoryStream();
        SqlServerCsvWriter.Write(data.CreateDataReader(), output, CancellationToken.None);
        return Encoding.UTF8.GetString(output.ToArray());
    }

    // COPY csv FROM STDIN into a table "loaded" of a fresh database, then the query's rows.
    private static List<string> LoadIntoPostgreSql(string csv, string definition, string copyColumns, string query)
    {
        using var database = new TestDatabase();
        database.Execute($"CREATE TABLE loaded ({definition})");
        using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            connection.Open();
            using var writer = connection.BeginTextImport($"COPY loaded ({copyColumns}) FROM STDIN (FORMAT csv)");
            writer.Write(csv);
        }

        return database.Rows("SELECT " + query);
    }
}
