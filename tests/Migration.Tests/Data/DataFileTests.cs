using System;
using System.IO;
using System.IO.Hashing;
using System.Text;
using YbMigrate.Migration.Data;
using YbMigrate.Migration.Data.Export;

namespace YbMigrate.Migration.Tests.Data;

public sealed class DataFileTests
{
    private const string Csv = "1,\"a \"\"quoted\"\"\nline, with comma\",\n2,\"\",x\n\n3,\"\"\"\",\"\r\n\"\n";

    [Fact]
    public void Records_are_counted_outside_quotes_and_the_checksum_is_the_files_xxh128_however_the_bytes_arrive()
    {
        var bytes = Encoding.UTF8.GetBytes(Csv);
        foreach (var size in new[] { 1, 2, 3, 7, bytes.Length })
        {
            using var target = new MemoryStream();
            using var stream = new CsvFileStream(target);
            for (var offset = 0; offset < bytes.Length; offset += size)
            {
                stream.Write(bytes.AsSpan(offset, Math.Min(size, bytes.Length - offset)));
            }

            Assert.Equal(4, stream.Records); // the empty line is a record: a one-column NULL
            Assert.Equal(bytes.Length, stream.Bytes);
            Assert.True(stream.EndsOnRecord);
            Assert.Equal("xxh128:" + Convert.ToHexStringLower(XxHash128.Hash(bytes)), stream.Checksum());
            Assert.Equal(bytes, target.ToArray());
        }
    }

    [Theory]
    [InlineData("", "99aa06d3014798d86001c324468d497f")]
    [InlineData("abc", "06b05ab6733a618578af5f94892f3950")]
    public void The_checksum_is_written_as_xxh128sum_prints_it(string text, string xxh128sum)
    {
        using var stream = new CsvFileStream(new MemoryStream());
        stream.Write(Encoding.UTF8.GetBytes(text));

        Assert.Equal("xxh128:" + xxh128sum, stream.Checksum());
    }

    [Theory]
    [InlineData("\"checksum\": \"md5:00\"", "a checksum of algorithm 'md5', which this tool does not check")]
    [InlineData("\"rows\": 1", "no checksum")]
    public void A_manifest_file_without_a_checksum_this_tool_checks_is_refused_by_name(string field, string message)
    {
        var directory = Directory.CreateTempSubdirectory("ybm-manifest").FullName;
        try
        {
            Directory.CreateDirectory(DataManifest.DataDirectory(directory));
            File.WriteAllText(Path.Combine(DataManifest.DataDirectory(directory), DataManifest.FileName),
                "{\"format\": 2, \"tables\": [{\"schema\": \"public\", \"name\": \"t\", \"files\": [{\"path\": \"public.t.csv\", " + field + "}]}]}");

            var error = Assert.Throws<DataManifestException>(() => DataManifest.Read(directory));

            Assert.Contains("manifest.json: file public.t.csv has " + message, error.Message);
        }
        finally
        {
            Directory.Delete(directory, true);
        }
    }

    [Theory]
    [InlineData(3, 100, "says 3 rows and 100 bytes, its files add up to 4 rows and 100 bytes")]
    [InlineData(4, 99, "says 4 rows and 99 bytes, its files add up to 4 rows and 100 bytes")]
    public void A_manifest_whose_table_totals_are_not_its_files_is_refused_by_table(long rowCount, long bytes, string message)
    {
        var directory = Directory.CreateTempSubdirectory("ybm-manifest").FullName;
        try
        {
            Directory.CreateDirectory(DataManifest.DataDirectory(directory));
            static string FileEntry(int part) => $"{{\"path\": \"public.t.{part}.csv\", \"rows\": 2, \"bytes\": 50, \"checksum\": \"xxh128:00\"}}";
            File.WriteAllText(Path.Combine(DataManifest.DataDirectory(directory), DataManifest.FileName),
                $"{{\"format\": 2, \"tables\": [{{\"schema\": \"public\", \"name\": \"t\", \"rowCount\": {rowCount}, \"bytes\": {bytes}, \"files\": [{FileEntry(1)}, {FileEntry(2)}]}}]}}");

            var error = Assert.Throws<DataManifestException>(() => DataManifest.Read(directory));

            Assert.Contains("manifest.json: table public.t " + message, error.Message);
            Assert.Contains("export again", error.Message);
        }
        finally
        {
            Directory.Delete(directory, true);
        }
    }

    [Fact]
    public void Records_are_counted_across_64_byte_blocks_and_buffers()
    {
        // Quoted line feeds and doubled quotes at every offset against the 64-byte blocks.
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < 300; i++)
        {
            text.Append(i).Append(",\"").Append('x', i % 70).Append("\n\"\"\",").Append('"', i % 3 == 0 ? 0 : 2).Append(",\"\"\n");
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        foreach (var size in new[] { 1, 63, 64, 65, 1000, bytes.Length })
        {
            using var stream = new CsvFileStream(new MemoryStream());
            for (var offset = 0; offset < bytes.Length; offset += size)
            {
                stream.Write(bytes.AsSpan(offset, Math.Min(size, bytes.Length - offset)));
            }

            Assert.Equal(300, stream.Records);
            Assert.True(stream.EndsOnRecord);
        }
    }

    [Theory]
    [InlineData("1,\"open\n")]
    [InlineData("1,2")]
    public void Data_cut_inside_a_record_is_noticed(string csv)
    {
        using var stream = new CsvFileStream(new MemoryStream());
        stream.Write(Encoding.UTF8.GetBytes(csv));
        Assert.False(stream.EndsOnRecord);
    }

    [Theory]
    [InlineData("public", "orders", 1, 1, "public.orders.csv")]
    [InlineData("public", "orders", 2, 12, "public.orders.0002.csv")]
    [InlineData("public", "orders", 7, 12345, "public.orders.00007.csv")]
    [InlineData("Sales", "Order Lines", 1, 1, "sales.order_lines~")]
    [InlineData("public", "../../etc/passwd", 1, 1, "public.______etc_passwd~")]
    public void File_names_are_safe_and_say_which_table_and_chunk(string schema, string name, int index, int count, string expected)
    {
        var table = new ExportTable(schema, name, [], []);
        var file = DataFileWriter.FileName(new ExportChunk(table, index, count, null, 0));

        Assert.StartsWith(expected, file);
        Assert.EndsWith(".csv", file);
        Assert.DoesNotContain('/', file);
    }

    [Fact]
    public void Tables_whose_names_differ_only_in_case_get_different_files()
    {
        string Name(string table) => DataFileWriter.FileName(new ExportChunk(new ExportTable("public", table, [], []), 1, 1, null, 0));

        Assert.NotEqual(Name("Orders").ToLowerInvariant(), Name("orders").ToLowerInvariant());
        Assert.NotEqual(Name("Orders").ToLowerInvariant(), Name("ORDERS").ToLowerInvariant());
    }
}
