using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using YbMigrate.Migration.Data;
using YbMigrate.Migration.Data.Import;

namespace YbMigrate.Migration.Tests.Import;

/// <summary>
/// The binary COPY fast path against a real PostgreSQL: the same CSV loaded as binary and as CSV gives
/// the same rows, to the last digit and byte; values not converted exactly send their batch as CSV.
/// </summary>
public sealed class BinaryCopyTests : IDisposable
{
    // Every converted type, with domains and type modifiers the server applies on receipt as on input.
    private const string Columns = """
        i2 smallint, i4 integer, i8 bigint, flag boolean, note text, code varchar(5), fixed char(4),
        amount numeric(10, 2), exact numeric, at timestamptz, local timestamp, whole timestamp(0), day date, clock time,
        id uuid, blob bytea, doc json, attrs jsonb, small public.tenth
        """;

    private const string Domain = "CREATE DOMAIN public.tenth AS numeric(6, 1) CHECK (VALUE > -5000)";

    // Rows as PostgreSQL writes COPY CSV, and the forms around them: signs, bounds, leading zeros,
    // NULL (unquoted empty) beside the empty string, quotes, commas, newlines, non-ASCII text,
    // numerics rounded by the column's scale, offsets with minutes and seconds, microseconds.
    private static readonly string[] Rows =
    [
        "-32768,-2147483648,-9223372036854775808,t,\"say \"\"hi\"\", then\nleave\",abc,ab,1.005,-0.000,2024-02-29 12:34:56.123456+05:30,2024-01-01 00:00:00,2024-01-01 10:00:00.6,2024-02-29,23:59:59.999999,"
            + "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11,\\xdeadBEEF00,\"{\"\"a\"\": \"\"b\\\"\"c\"\",  \"\"n\"\": [1, 2.50]}\",\"{\"\"k\"\": {\"\"q\"\": \"\"x\\\"\"y,z\"\"}, \"\"u\"\": \"\"é\"\"}\",12.34",
        "32767,2147483647,9223372036854775807,f,,,,-1.005,123456789012345678901234567890.123456789000,1999-12-31 23:59:59-08,1970-01-01 00:00:00.000001,1999-12-31 23:59:59.4,1999-12-31,00:00:00,"
            + "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11,\\x,[],\"[1, \"\"two\"\", null]\",-999.95",
        "+42,007,-0,t,\"\",\"\",\"\",0.5,0.0000000001,0001-01-01 00:00:00+00,9999-12-31 23:59:59.999999,2000-01-01 00:00:00,0001-01-01,12:00:00.5,"
            + "00000000-0000-0000-0000-000000000000,\"\\x00\",\"\"\"text\"\"\",\"{}\",0",
        "0,-1,1,f,\"é 日本 🎉, \\N and \\.\",\"x\"\"y\",\"a\nb\",12345678.999,1.500,2020-06-01 00:00:00.5+00:09:21,2024-06-30 23:59:59.999999,2024-06-30 23:59:59.5,9999-12-31,00:00:00.000001,"
            + "ffffffff-ffff-ffff-ffff-ffffffffffff,\\x0102,null,\"{\"\"a\"\": [{\"\"b\"\": \"\"\"\"}]}\",",
        ",,,,,,,,,,,,,,,,,,",
        "1,2,3,t,plain,abc  ,abcd,.5,5.,2024-01-01 00:00:00-00:30,2024-01-01 00:00:00,2024-01-01 00:00:00,2024-01-01,01:02:03,"
            + "12345678-1234-1234-1234-123456789abc,\\xff,1.5,2,00012.3400",
    ];

    private readonly string _dir = Directory.CreateTempSubdirectory("ybm-binary").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public async Task Every_converter_loads_the_same_rows_as_the_CSV_path()
    {
        using var target = new TestDatabase();
        target.Execute(Domain);
        var csv = string.Concat(Enumerable.Repeat(string.Join("\n", Rows) + "\n", 3));

        var binary = await Load(target, "binary", Columns, csv, CopyFormat.Auto);
        var text = await Load(target, "text", Columns, csv, CopyFormat.Csv);

        Assert.Equal((18L, 9L), (binary.RowsLoaded, binary.BinaryBatches));
        Assert.Equal((18L, 0L), (text.RowsLoaded, text.BinaryBatches));
        AssertSameRows(target, "binary", "text", 18);
        // The column's scale rounds as numeric_in does; a domain's modifier and check apply.
        Assert.Equal(["-2147483648 | 1.01 | 12.3", "7 | 0.50 | 0.0", "2147483647 | -1.01 | -1000.0"],
            target.Rows("SELECT DISTINCT i4, amount::text, small::text FROM public.binary WHERE i4 IN (-2147483648, 2147483647, 7) ORDER BY i4"));
    }

    [Fact]
    public async Task A_value_not_converted_exactly_sends_its_batch_as_CSV_and_the_rest_of_the_table_too()
    {
        using var target = new TestDatabase();
        // Without an offset a timestamptz depends on the session's TimeZone; an exponent, spaces and
        // yes/no are read by the server's input functions only.
        var lines = Enumerable.Range(1, 12).Select(i => $"{i},2024-01-01 00:00:0{i % 10}+00,{i}.5,t").ToArray();
        lines[4] = "5,2024-01-01 00:00:05,5.5,t";
        lines[7] = "8,2024-01-01 00:00:08+00,1.5e3, yes";
        var csv = string.Join("\n", lines) + "\n";
        const string columns = "id integer PRIMARY KEY, at timestamptz, amount numeric, flag boolean";

        var binary = await Load(target, "binary", columns, csv, CopyFormat.Auto);
        var text = await Load(target, "text", columns, csv, CopyFormat.Csv);

        // Batches of 2: the first two go as binary; the third has the value without offset.
        Assert.Equal((12L, 2L), (binary.RowsLoaded, binary.BinaryBatches));
        AssertSameRows(target, "binary", "text", 12);
        Assert.Equal(["1500"], target.Rows("SELECT amount FROM public.binary WHERE id = 8"));
    }

    [Fact]
    public async Task A_table_with_a_type_without_converter_goes_as_CSV()
    {
        using var target = new TestDatabase();
        const string csv = "1,\"{1,2}\",1.5\n2,,2.25e-3\n";

        var result = await Load(target, "arrays", "id integer, tags integer[], ratio double precision", csv, CopyFormat.Auto);

        Assert.Equal((2L, 0L), (result.RowsLoaded, result.BinaryBatches));
        Assert.Equal(["1 | {1,2} | 1.5", "2 | NULL | 0.00225"], target.Rows("SELECT id, tags::text, ratio FROM public.arrays ORDER BY id"));
    }

    [Theory]
    [InlineData("1,x,5\n2,\"a,b\" ,6\n")] // something after a closing quote
    [InlineData("1,x,5\n2,a\"b,6\n")] // a quote inside an unquoted field
    [InlineData("1,x,5\r\n2,y,6\r\n")] // carriage returns
    [InlineData("1,x,5\n2,y\n")] // a missing field
    public async Task Records_the_CSV_reader_would_read_its_own_way_go_as_CSV(string csv)
    {
        using var target = new TestDatabase();

        var binary = await Load(target, "binary", "id integer, note text, q integer", csv, CopyFormat.Auto, onBadRow: OnBadRow.Stash);
        var text = await Load(target, "text", "id integer, note text, q integer", csv, CopyFormat.Csv, onBadRow: OnBadRow.Stash);

        Assert.Equal(0L, binary.BinaryBatches);
        Assert.Equal((text.RowsLoaded, text.RowsStashed), (binary.RowsLoaded, binary.RowsStashed));
        AssertSameRows(target, "binary", "text", text.RowsLoaded);
    }

    // Both tables hold the same rows, compared as their text forms (numeric scale, timestamps to the
    // microsecond, json's own spacing all count) with EXCEPT ALL both ways.
    private static void AssertSameRows(TestDatabase target, string left, string right, long rows)
    {
        Assert.Equal([rows.ToString()], target.Rows($"SELECT count(*) FROM public.{left}"));
        Assert.Equal(["0"], target.Rows($"SELECT count(*) FROM (SELECT t::text FROM public.{left} t EXCEPT ALL SELECT t::text FROM public.{right} t) d"));
        Assert.Equal(["0"], target.Rows($"SELECT count(*) FROM (SELECT t::text FROM public.{right} t EXCEPT ALL SELECT t::text FROM public.{left} t) d"));
    }

    // Creates the table, writes the CSV as its data file with a manifest in a folder of its own, imports it.
    private async Task<TableSummary> Load(TestDatabase target, string table, string columns, string csv, CopyFormat format, OnBadRow onBadRow = OnBadRow.Stop)
    {
        target.Execute($"CREATE TABLE public.{table} ({columns})");
        var dir = Path.Combine(_dir, table);
        var path = Path.Combine(Directory.CreateDirectory(Path.Combine(dir, "data")).FullName, $"public.{table}.csv");
        File.WriteAllBytes(path, Encoding.UTF8.GetBytes(csv));
        var rows = RecordCount(csv);
        var names = target.Rows($"SELECT attname FROM pg_attribute WHERE attrelid = 'public.{table}'::regclass AND attnum > 0 ORDER BY attnum");
        new DataManifest
        {
            Tables = { TestExport.OneFileTable(path, "public", table, names, rows) },
        }.Write(dir);
        var result = await DataImporter.ImportAsync(target.ConnectionString, new ImportOptions
        {
            InputDirectory = dir, BatchRows = 2, Parallel = 1, CopyFormat = format, OnBadRow = onBadRow,
        });
        return result.Tables.Single();
    }

    // Records of a CSV: newlines outside quotes.
    private static long RecordCount(string csv) =>
        csv.Aggregate((Quoted: false, Count: 0L), (s, c) => c == '"' ? (!s.Quoted, s.Count) : c == '\n' && !s.Quoted ? (s.Quoted, s.Count + 1) : s).Count;
}
