using System;
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

    [Theory]
    [InlineData("57P01", true)]  // server shutting down (a restart)
    [InlineData("57P03", true)]  // server starting
    [InlineData("40001", true)]  // serialization failure; YugabyteDB's restart-read errors too
    [InlineData("40P01", true)]  // deadlock
    [InlineData("08006", true)]  // connection failure
    [InlineData("53300", true)]  // too many connections
    [InlineData("22P02", false)] // a bad value: never retried
    [InlineData("23505", false)]
    [InlineData("42P01", false)] // a missing table: stops the run
    public void Passing_server_errors_are_retried_and_data_errors_are_not(string sqlState, bool transient) =>
        Assert.Equal(transient, CopyErrors.IsTransient(new Npgsql.PostgresException("message", "ERROR", "ERROR", sqlState)));

    [Fact]
    public void A_lost_connection_is_passing()
    {
        Assert.True(CopyErrors.IsTransient(new Npgsql.NpgsqlException("Exception while reading from stream", new IOException("reset"))));
        Assert.True(CopyErrors.IsTransient(new System.Net.Sockets.SocketException(111)));
        Assert.False(CopyErrors.IsTransient(new InvalidOperationException("a bug")));
    }

    [Theory]
    [InlineData("22P02", true)]  // invalid value
    [InlineData("22P04", true)]  // wrong column count, unterminated quote
    [InlineData("22021", true)]  // invalid UTF-8
    [InlineData("23502", true)]  // not null
    [InlineData("23505", true)]  // duplicate key
    [InlineData("54000", true)]  // a row or index entry too large
    [InlineData("42501", false)] // permission denied: not the row's fault
    public void A_row_is_at_fault_for_values_shapes_constraints_and_sizes(string sqlState, bool bad) =>
        Assert.Equal(bad, CopyErrors.IsBadData(new Npgsql.PostgresException("message", "ERROR", "ERROR", sqlState)));

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
