using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using YbMigrate.Migration.Data.Import;

namespace YbMigrate.Migration.Tests.Import;

/// <summary>The quote-aware batch cutter against a plain byte-by-byte reading of the same CSV.</summary>
public sealed class BatchSplitterTests
{
    [Fact]
    public void Quoted_newlines_and_doubled_quotes_stay_inside_their_record()
    {
        var csv = "1,\"a\nb\",x\n2,\"say \"\"hi\"\"\n,\",y\n3,,\"\"\n";

        var batches = Split(Encoding.UTF8.GetBytes(csv), rowLimit: 1, byteLimit: long.MaxValue, pieceSize: 64);

        Assert.Equal(new[] { 1L, 3, 5 }, batches.Select(b => b.FirstLine));
        Assert.Equal(new[] { "1,\"a\nb\",x\n", "2,\"say \"\"hi\"\"\n,\",y\n", "3,,\"\"\n" }, batches.Select(b => csv.Substring((int)b.Offset, (int)b.Length)));
    }

    [Fact]
    public void A_last_record_without_its_newline_is_a_record()
    {
        var batches = Split(Encoding.UTF8.GetBytes("1,a\n2,b"), rowLimit: 10, byteLimit: long.MaxValue, pieceSize: 64);

        Assert.Equal(new RecordRange(0, 7, 2, 1), Assert.Single(batches));
    }

    [Fact]
    public void The_byte_limit_cuts_before_the_record_that_would_pass_it_unless_the_record_is_alone()
    {
        var csv = Encoding.UTF8.GetBytes("aaaa\nbbbb\n" + new string('c', 30) + "\nd\n");

        var batches = Split(csv, rowLimit: 100, byteLimit: 12, pieceSize: 64);

        Assert.Equal(new[] { (0L, 10L, 2L), (10, 31, 1), (41, 2, 1) }, batches.Select(b => (b.Offset, b.Length, b.Rows)));
    }

    [Theory]
    [InlineData(1, 64)]
    [InlineData(2, 128)]
    [InlineData(3, 1 << 20)]
    public void Random_csv_cut_in_any_pieces_gives_the_batches_of_a_byte_by_byte_reading(int seed, int pieceSize)
    {
        var csv = RandomCsv(new Random(seed), records: 3000);
        foreach (var (rows, bytes) in new[] { (7L, long.MaxValue), (1000L, 900L), (1L, 1L), (50L, 4096L) })
        {
            var expected = Reference(csv, rows, bytes);

            var batches = Split(csv, rows, bytes, pieceSize);

            Assert.Equal(expected, batches);
            Assert.Equal(3000, batches.Sum(b => b.Rows));
        }
    }

    [Fact]
    public void A_file_gives_its_checksum_and_batches_and_a_batch_its_records_with_their_file_lines()
    {
        var csv = Encoding.UTF8.GetBytes("1,x\n2,\"a\nb\"\n3,y\n4,\"c\n\nd\"\n5,z\n");
        var path = System.IO.Path.GetTempFileName();
        try
        {
            System.IO.File.WriteAllBytes(path, csv);
            var batches = new List<RecordRange>();
            FilePlanner.Cut(path, rowLimit: 3, byteLimit: long.MaxValue, batches.Add);
            Assert.Equal("xxh128:" + Convert.ToHexStringLower(System.IO.Hashing.XxHash128.Hash(csv)), FilePlanner.Checksum(path, "xxh128:"));
            Assert.Equal("sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(csv)), FilePlanner.Checksum(path, "0123abcd"));
            Assert.Equal(new[] { 3L, 2L }, batches.Select(b => b.Rows));
            var batch = batches.Last();
            using var handle = System.IO.File.OpenHandle(path);

            var records = FilePlanner.Records(handle, batch);

            Assert.Equal(new[] { 5L, 8L }, records.Select(r => r.FirstLine));
            Assert.Equal(new[] { "4,\"c\n\nd\"\n", "5,z\n" }, records.Select(r => Encoding.UTF8.GetString(csv, (int)r.Offset, (int)r.Length)));
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }

    private static List<RecordRange> Split(byte[] csv, long rowLimit, long byteLimit, int pieceSize)
    {
        var splitter = new BatchSplitter(rowLimit, byteLimit);
        for (var offset = 0; offset < csv.Length; offset += pieceSize)
        {
            splitter.Feed(csv.AsSpan(offset, Math.Min(pieceSize, csv.Length - offset)));
        }

        return splitter.Finish().ToList();
    }

    // Records found one byte at a time, then grouped the obvious way.
    private static List<RecordRange> Reference(byte[] csv, long rowLimit, long byteLimit)
    {
        var records = new List<(long Start, long End, long Line)>();
        bool quoted = false;
        long start = 0, line = 1, startLine = 1;
        for (var i = 0; i < csv.Length; i++)
        {
            if (csv[i] == '"')
            {
                quoted = !quoted;
            }
            else if (csv[i] == '\n')
            {
                line++;
                if (!quoted)
                {
                    records.Add((start, i + 1, startLine));
                    start = i + 1;
                    startLine = line;
                }
            }
        }

        if (start < csv.Length)
        {
            records.Add((start, csv.Length, startLine));
        }

        var batches = new List<RecordRange>();
        var batch = new List<(long Start, long End, long Line)>();
        void Cut()
        {
            batches.Add(new RecordRange(batch[0].Start, batch[^1].End - batch[0].Start, batch.Count, batch[0].Line));
            batch.Clear();
        }

        foreach (var record in records)
        {
            if (batch.Count > 0 && record.End - batch[0].Start > byteLimit)
            {
                Cut();
            }

            batch.Add(record);
            if (batch.Count == rowLimit)
            {
                Cut();
            }
        }

        if (batch.Count > 0)
        {
            Cut();
        }

        return batches;
    }

    private static byte[] RandomCsv(Random random, int records)
    {
        var text = new StringBuilder();
        string[] pieces = { "a", "bc", ",", "\"\"", "\n", "é", "x y", "\r" };
        for (var r = 0; r < records; r++)
        {
            var fields = random.Next(1, 5);
            for (var f = 0; f < fields; f++)
            {
                if (f > 0)
                {
                    text.Append(',');
                }

                if (random.Next(3) == 0)
                {
                    text.Append('"');
                    for (var k = random.Next(0, 12); k > 0; k--)
                    {
                        text.Append(pieces[random.Next(pieces.Length)]);
                    }

                    text.Append('"');
                }
                else
                {
                    text.Append(random.Next(100000));
                }
            }

            text.Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
