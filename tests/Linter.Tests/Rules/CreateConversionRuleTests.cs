namespace YbMigrate.Linter.Tests.Rules;

public class CreateConversionRuleTests
{
    [Fact]
    public void Flags_create_conversion_default_or_not()
    {
        var findings = LintAssert.Flags(
            "YB1044",
            """
            [|CREATE DEFAULT CONVERSION|] legacy_to_utf8 FOR 'LATIN1' TO 'UTF8' FROM legacy_latin1_to_utf8;
            [|create conversion|] app.koi8 for 'KOI8R' to 'UTF8' from app.koi8r_to_utf8;
            """);
        Assert.Contains("app.koi8", findings[1].Message);
    }

    [Fact]
    public void Does_not_flag_client_encoding_or_convert_calls() =>
        LintAssert.Clean(
            "YB1044",
            """
            SET client_encoding = 'LATIN1';
            SELECT convert_from(raw, 'LATIN1') FROM imports;
            """);
}
