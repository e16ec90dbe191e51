using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using YbMigrate.Migration.Data.Import;

namespace YbMigrate.Migration.Tests.Import;

/// <summary>From the server's "COPY t, line N" back to the record and its file line.</summary>
public sealed class CopyErrorsTests
{
    // The server's line numbers here are those PostgreSQL 15 gave for these files with \copy (see DataImportTests for the real round trip).
    [Theory]
    [InlineData("1,\"a\nb\nc\",5\n2,\"x\",6\n3,\"y\nz\",bad\n4,\"w\",7\n", 4, 5)]
    [InlineData("1,\"a\nb\nc\",5\n2,\"x\",bad\n", 2, 4)]
    [InlineData("1,\"a\nb\nc\",5\n2,\"x\ny\nz\nw\",bad\n", 5, 4)]
    [InlineData("1,\"a\nb\nc\",5\n2,\"x\ny\nz\nw\",5\n3,\"x\",bad\n", 6, 8)]
    [InlineData("1,\"a\nb\",bad\n2,x,5\n", 1, 1)]
    public void The_server_line_names_the_record_it_ended_on_less_the_first_records_quoted_newlines(string csv, long serverLine, long fileLine)
    {
        var records = Records(csv);

        var index = CopyErrors.RecordAt(records, 0, records.Count, serverLine);

        Assert.Equal(fileLine, records[index].FirstLine);
    }

    [Fact]
    public void A_run_that_starts_inside_a_batch_counts_from_its_own_first_record()
    {
        var records = Records("0,x\n1,\"a\nb\nc\",5\n2,\"x\",6\n3,\"y\nz\",bad\n");

        Assert.Equal(3, CopyErrors.RecordAt(records, 1, records.Count, 4));
        Assert.Equal(-1, CopyErrors.RecordAt(records, 4, 4, 1));
    }

    private static IReadOnlyList<RecordRange> Records(string csv)
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, Encoding.UTF8.GetBytes(csv));
            using var handle = File.OpenHandle(path);
            return FilePlanner.Records(handle, new RecordRange(0, new FileInfo(path).Length, 0, 1)).ToList();
        }
        finally
        {
            File.Delete(path);
        }
    }
}
