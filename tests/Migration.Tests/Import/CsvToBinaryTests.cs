using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using YbMigrate.Migration.Data.Import.Binary;

namespace YbMigrate.Migration.Tests.Import;

/// <summary>
/// Quoted fields unquoted by the CSV-to-binary converter: runs that end just before, at and after
/// 32- and 64-byte vector widths, quotes on those edges, empty values, values of doubled quotes only,
/// and records cut off at every byte as a read block would cut them.
/// </summary>
public sealed class CsvToBinaryTests
{
    private static readonly BinaryType[] TwoTextColumns = [BinaryType.Text, BinaryType.Text];

    // Values of text columns: lengths around one and two vectors with quotes placed on their edges.
    private static IEnumerable<string> Values()
    {
        yield return "";
        yield return "\"";
        yield return "\"\"\"\"\"";
        foreach (var length in new[] { 1, 15, 30, 31, 32, 33, 62, 63, 64, 65, 97 })
        {
            var plain = new string('x', length);
            yield return plain;
            yield return "\"" + plain;
            yield return plain + "\"";
            foreach (var at in new[] { 30, 31, 32, 33, 63, 64 }.Where(at => at < length))
            {
                yield return plain[..at] + "\"" + plain[at..];
            }
        }
    }

    public static TheoryData<string> ValuesToQuote => new(Values());

    [Theory]
    [MemberData(nameof(ValuesToQuote))]
    public void A_quoted_value_is_unquoted_whatever_its_place_in_the_bytes(string value)
    {
        var quoted = Quote(value);
        // The value in both columns: as the first field and as the last, at different offsets.
        var csv = Encoding.UTF8.GetBytes($"{quoted},{quoted}\n\"x{quoted[1..]},\n");
        byte[][] expected = [Tuple(value, value), Tuple("x" + value, null)];

        Assert.Equal(expected.SelectMany(bytes => bytes), ConvertWhole(csv));
    }

    [Fact]
    public void Records_cut_at_any_byte_convert_as_the_whole_bytes_do()
    {
        var rows = Values().Select(value => $"{Quote(value)},\"{value.Length}\"\"\"").ToArray();
        var csv = Encoding.UTF8.GetBytes(string.Join("\n", rows) + "\n");
        var whole = ConvertWhole(csv);

        for (var cut = 0; cut <= csv.Length; cut += 7)
        {
            var converter = new CsvToBinary(TwoTextColumns);
            var output = new BinaryBuffer(64);
            Assert.Equal(ConvertOutcome.Converted, converter.Convert(csv.AsSpan(0, cut), false, output, out var consumed));
            Assert.Equal(ConvertOutcome.Converted, converter.Convert(csv.AsSpan(consumed), true, output, out var rest));
            Assert.Equal(csv.Length - consumed, rest);
            Assert.Equal(whole, output.Written.ToArray());
        }
    }

    [Theory]
    [InlineData("\"abc")] // never closed
    [InlineData("\"0123456789012345678901234567890123456789")] // never closed, longer than a vector
    public void A_quote_never_closed_is_refused_at_the_end_and_waits_before(string field)
    {
        var csv = Encoding.UTF8.GetBytes(field);
        var converter = new CsvToBinary(TwoTextColumns);

        Assert.Equal(ConvertOutcome.Converted, converter.Convert(csv, false, new BinaryBuffer(8), out var consumed));
        Assert.Equal(0, consumed);
        Assert.Equal(ConvertOutcome.Refused, converter.Convert(csv, true, new BinaryBuffer(8), out _));
    }

    private static string Quote(string value) => "\"" + value.Replace("\"", "\"\"") + "\"";

    private static byte[] ConvertWhole(byte[] csv)
    {
        var output = new BinaryBuffer(64);
        Assert.Equal(ConvertOutcome.Converted, new CsvToBinary(TwoTextColumns).Convert(csv, true, output, out var consumed));
        Assert.Equal(csv.Length, consumed);
        return output.Written.ToArray();
    }

    // A binary COPY tuple of two text fields, written by hand: field count, then length and bytes (-1 for NULL).
    private static byte[] Tuple(string first, string? second)
    {
        var bytes = new List<byte>();
        var number = new byte[4];
        BinaryPrimitives.WriteInt16BigEndian(number, 2);
        bytes.AddRange(number.Take(2));
        foreach (var value in new[] { first, second })
        {
            var text = value is null ? [] : Encoding.UTF8.GetBytes(value);
            BinaryPrimitives.WriteInt32BigEndian(number, value is null ? -1 : text.Length);
            bytes.AddRange(number);
            bytes.AddRange(text);
        }

        return bytes.ToArray();
    }
}
