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
    [InlineData(0)]
    [InlineData(8)]
    [InlineData(4095)]
    [InlineData(4096)]
    [InlineData(10000)]
    public void Ascii_maps_shared_by_length_clamp_to_their_own_text(int length)
    {
        // ASCII maps of short texts are shared per length: each still clamps offsets to its own length,
        // whether the map was made for this text or an earlier one of the same length.
        var text = "x" + new string('a', length) + "é";
        var first = Utf8OffsetMap.For(text, 1, length);
        var second = Utf8OffsetMap.For(new string('b', length + 2), 1, length);
        foreach (var map in new[] { first, second })
        {
            Assert.True(map.IsIdentity);
            Assert.Equal(length, map.CharLength);
            Assert.Equal(length, map.ByteLength);
            Assert.Equal(length, map.ToCharOffset(length + 50));
            Assert.Equal(length / 2, map.ToByteOffset(length / 2));
        }

        Assert.Equal(length + 1, Utf8OffsetMap.For(text, 1, length + 1).CharLength); // with the é: a map of its own
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
