using System;
using System.Text;
using YbMigrate.Migration.Data.Import.Binary;

namespace YbMigrate.Migration.Tests.Import;

/// <summary>The bytes the binary converters write, and the forms they refuse (their batch goes as CSV).</summary>
public sealed class BinaryValueTests
{
    [Theory]
    // int16 digits, int16 weight, uint16 sign, int16 dscale, then base-10000 digits.
    [InlineData("Numeric", "-1234.5600", "0002 0000 4000 0004 04D2 15E0")]
    [InlineData("Numeric", "0.0001", "0001 FFFF 0000 0004 0001")]
    [InlineData("Numeric", "-0.00", "0000 0000 0000 0002")]
    [InlineData("Numeric", "100000000", "0001 0002 0000 0000 0001")]
    [InlineData("Numeric", "12345.6", "0003 0001 0000 0001 0001 0929 1770")]
    // Microseconds from 2000-01-01 (UTC for timestamptz); days for date.
    [InlineData("TimestampTz", "2000-01-01 05:30:00+05:30", "0000000000000000")]
    [InlineData("TimestampTz", "1999-12-31 16:00:00.000001-08", "0000000000000001")]
    [InlineData("Timestamp", "1999-12-31 23:59:59.9", "FFFFFFFFFFFE7960")]
    [InlineData("Date", "2000-01-02", "00000001")]
    [InlineData("Time", "00:00:01.5", "000000000016E360")]
    [InlineData("Int2", "-2", "FFFE")]
    [InlineData("Int8", "+007", "0000000000000007")]
    [InlineData("Bool", "t", "01")]
    [InlineData("Uuid", "A0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "A0EEBC999C0B4EF8BB6D6BB9BD380A11")]
    [InlineData("Bytea", "\\x0aFF", "0AFF")]
    [InlineData("Jsonb", "{}", "017B7D")]
    public void Values_convert_to_the_binary_form_the_server_would_make(string type, string text, string hex)
    {
        var output = new BinaryBuffer(16);

        Assert.True(BinaryValue.TryWrite(Enum.Parse<BinaryType>(type), Encoding.UTF8.GetBytes(text), output));

        Assert.Equal(hex.Replace(" ", ""), Convert.ToHexString(output.Written.Span));
    }

    [Theory]
    [InlineData("Int4", " 1")] // the server trims spaces: its input function reads these
    [InlineData("Int4", "2147483648")]
    [InlineData("Int2", "0x1F")]
    [InlineData("Int8", "00000000000000000001")] // more digits than kept track of
    [InlineData("Bool", "true")]
    [InlineData("Numeric", "1.5e3")]
    [InlineData("Numeric", "NaN")]
    [InlineData("Numeric", "1.2.3")]
    [InlineData("Numeric", "-")]
    [InlineData("TimestampTz", "2024-01-01 00:00:00")] // no offset: the session's TimeZone would decide
    [InlineData("TimestampTz", "2024-01-01 00:00:00+16")]
    [InlineData("TimestampTz", "2024-01-01 00:00:00 BC+00")]
    [InlineData("TimestampTz", "infinity")]
    [InlineData("Timestamp", "2024-01-01 00:00:00+02")] // timestamp would ignore the offset
    [InlineData("Timestamp", "2024-01-01 00:00:00.1234567")] // the server would round
    [InlineData("Timestamp", "2024-01-01T00:00:00")]
    [InlineData("Date", "2023-02-29")]
    [InlineData("Date", "12024-01-01")]
    [InlineData("Date", "01/02/2024")] // DateStyle would decide
    [InlineData("Time", "24:00:00")]
    [InlineData("Time", "12:00")]
    [InlineData("Uuid", "{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}")]
    [InlineData("Bytea", "\\x0g")]
    [InlineData("Bytea", "abc")] // the escape form
    public void Forms_other_than_those_PostgreSQL_writes_are_refused(string type, string text) =>
        Assert.False(BinaryValue.TryWrite(Enum.Parse<BinaryType>(type), Encoding.UTF8.GetBytes(text), new BinaryBuffer(16)));
}
