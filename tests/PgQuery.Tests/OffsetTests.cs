using YbMigrate.PgQuery;

namespace YbMigrate.PgQuery.Tests;

public class OffsetTests
{
    [Fact]
    public void Ascii_text_maps_bytes_to_chars_one_to_one()
    {
        var map = Utf8OffsetMap.For("SELECT 1");
        Assert.True(map.IsIdentity);
        Assert.Equal(5, map.ToCharOffset(5));
        Assert.Equal(5, map.ToByteOffset(5));
    }

    [Theory]
    [InlineData("aé b", 4, 3)]       // é: 2 bytes
    [InlineData("a€ b", 5, 3)]       // €: 3 bytes
    [InlineData("a😀 b", 6, 4)]      // emoji: 4 bytes, 2 chars
    [InlineData("éé😀€x", 11, 5)]
    public void Multibyte_characters_map_both_ways(string text, int byteOffset, int charOffset)
    {
        var map = Utf8OffsetMap.For(text);
        Assert.Equal(charOffset, map.ToCharOffset(byteOffset));
        Assert.Equal(byteOffset, map.ToByteOffset(charOffset));
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(text), map.ByteLength);
    }

    [Fact]
    public void Lines_and_columns_handle_lf_crlf_and_cr()
    {
        var lines = new TextLines("a\nbc\r\nd\re");
        Assert.Equal(4, lines.Count);
        Assert.Equal(new LinePosition(1, 1), lines.GetPosition(0));
        Assert.Equal(new LinePosition(2, 2), lines.GetPosition(3));
        Assert.Equal(new LinePosition(3, 1), lines.GetPosition(6));
        Assert.Equal(new LinePosition(4, 1), lines.GetPosition(8));
    }
}
