using System;
using System.IO.Hashing;
using YbMigrate.Migration.Data;

namespace YbMigrate.Migration.Tests.Data;

public sealed class LibXxHash128Tests
{
    [Fact]
    public void Libxxhash_is_installed_where_the_tests_run()
    {
        Assert.True(LibXxHash128.IsAvailable, "libxxhash (Debian's libxxhash0) is not installed: scripts/setup.sh installs it");
    }

    // Lengths around XXH3's internal sizes (16, 128, 240 bytes; 64-byte stripes; 1024-byte blocks of its buffer), fed whole and in uneven pieces.
    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(17, 5)]
    [InlineData(129, 64)]
    [InlineData(241, 240)]
    [InlineData(1025, 7)]
    [InlineData(70_001, 4_099)]
    [InlineData(3_000_000, 1 << 20)]
    public void Libxxhash_gives_the_same_hash_as_system_io_hashing(int length, int piece)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        using var native = LibXxHash128.TryCreate() ?? throw new InvalidOperationException("libxxhash is not installed");
        for (var offset = 0; offset < length; offset += piece)
        {
            native.Append(bytes.AsSpan(offset, Math.Min(piece, length - offset)));
        }

        Assert.Equal(XxHash128.Hash(bytes), native.GetCurrentHash());
        native.Reset();
        native.Append(bytes);
        Assert.Equal(XxHash128.Hash(bytes), native.GetHashAndReset());
        Assert.Equal(XxHash128.Hash([]), native.GetCurrentHash());
    }
}
