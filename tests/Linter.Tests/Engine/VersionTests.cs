using YbMigrate.Linter.Versions;

namespace YbMigrate.Linter.Tests.Engine;

public class VersionTests
{
    [Theory]
    [InlineData("2.20", "2.20")]
    [InlineData("2.25.1", "2.25.1")]
    [InlineData("2024.2.4.0", "2024.2.4")]
    [InlineData("2.20.1.0-b97", "2.20.1")]
    [InlineData("2025.2.3.0", "2025.2.3")]
    public void Parses_both_series(string text, string shown) => Assert.Equal(shown, YbVersion.Parse(text).ToString());

    [Theory]
    [InlineData("")]
    [InlineData("15")]
    [InlineData("3.0")]
    [InlineData("2024.x")]
    [InlineData("1999.1")]
    public void Rejects_what_is_not_a_yugabytedb_version(string text) => Assert.False(YbVersion.TryParse(text, out _));

    [Theory]
    [InlineData("2.20", SupportLevel.Unsupported)]
    [InlineData("2.23", SupportLevel.Unsupported)]
    [InlineData("2.25", SupportLevel.Supported)]
    [InlineData("2024.2.4.0", SupportLevel.Unsupported)]
    [InlineData("2025.1", SupportLevel.Supported)]
    [InlineData("2026.1", SupportLevel.Supported)]
    public void A_fix_counts_within_its_own_series(string target, SupportLevel expected) =>
        Assert.Equal(expected, Availability.Fixed("2.25", "2025.1").In(YbVersion.Parse(target)));

    [Theory]
    [InlineData("2024.2.7", SupportLevel.Unsupported)]
    [InlineData("2024.2.8", SupportLevel.Supported)]
    [InlineData("2025.1.2", SupportLevel.Unsupported)]
    [InlineData("2025.1.4", SupportLevel.Supported)]
    [InlineData("2025.2.0", SupportLevel.Unsupported)]
    [InlineData("2025.2.3", SupportLevel.Supported)]
    [InlineData("2026.1", SupportLevel.Supported)]
    [InlineData("2.25", SupportLevel.Unsupported)]
    public void Patch_level_backports_count_per_release_line(string target, SupportLevel expected) =>
        Assert.Equal(expected, Availability.Fixed("2024.2.8", "2025.1.4", "2025.2.2").In(YbVersion.Parse(target)));

    [Fact]
    public void Preview_applies_from_its_version_until_the_fix()
    {
        var advisoryLocks = Availability.Fixed("2025.1").WithPreview("2.25.1", "ysql_yb_enable_advisory_locks");
        Assert.Equal(SupportLevel.Unsupported, advisoryLocks.In(YbVersion.Parse("2.25")));
        Assert.Equal(SupportLevel.Preview, advisoryLocks.In(YbVersion.Parse("2.25.1")));
        Assert.Equal("ysql_yb_enable_advisory_locks", advisoryLocks.PreviewFor(YbVersion.Parse("2.25.2"))!.Flag);
        Assert.Equal(SupportLevel.Supported, advisoryLocks.In(YbVersion.Parse("2025.1")));
        Assert.Equal(SupportLevel.Unsupported, advisoryLocks.In(YbVersion.Parse("2024.2")));
    }
}
