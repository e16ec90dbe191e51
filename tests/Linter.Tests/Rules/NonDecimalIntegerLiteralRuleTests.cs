namespace YbMigrate.Linter.Tests.Rules;

public class NonDecimalIntegerLiteralRuleTests
{
    [Fact]
    public void Flags_every_non_decimal_literal_of_a_statement_with_its_decimal_value()
    {
        const string sql = "SELECT [|0x1F|], [|0o17|], [|0B101|], 10;\nUPDATE flags SET mask = mask | [|0X_FF|] WHERE id = 1;";
        var findings = LintAssert.Flags("YB3016", sql);
        Assert.Contains("31", findings[0].Message);
        Assert.Contains("15", findings[1].Message);
        Assert.Contains("5", findings[2].Message);
        Assert.Contains("255", findings[3].Message);
        Assert.DoesNotContain(LintAssert.Lint(LintAssert.ParseMarkup(sql).Sql).Findings, f => f.Rule.Id == "YB0001");
    }

    [Fact]
    public void Flags_literals_inside_function_bodies() =>
        LintAssert.Flags(
            "YB3016",
            """
            CREATE FUNCTION mask() RETURNS int LANGUAGE plpgsql AS $$
            BEGIN
              RETURN [|0xFF|] & 'x'::text::int; -- 0x10 in a comment is fine
            END $$;
            CREATE FUNCTION bits() RETURNS int LANGUAGE sql AS $$ SELECT [|0b11|] $$;
            DO $$ BEGIN PERFORM [|0o7|]; END $$;
            """);

    [Fact]
    public void Does_not_flag_decimal_numbers_strings_or_bit_strings() =>
        LintAssert.Clean("YB3016", "SELECT 0, 10, 0.5, 1e3, x'1F'::int, b'101', '0x1F' FROM t;");

    [Fact]
    public void Leaves_other_trailing_junk_to_the_engine()
    {
        var findings = LintAssert.Lint("SELECT 123abc;").Findings;
        Assert.DoesNotContain(findings, f => f.Rule.Id == "YB3016");
        Assert.Contains(findings, f => f.Rule.Id == "YB0001");
    }
}
