namespace YbMigrate.Linter.Tests.Rules;

public class CollationDeterministicOptionRuleTests
{
    [Fact]
    public void Flags_deterministic_true() =>
        LintAssert.Flags(
            "YB1023",
            "CREATE COLLATION german (provider = icu, locale = 'de-DE', [|deterministic = true|]);",
            target: "2024.2");

    [Fact]
    public void Flags_the_option_alone_and_other_spellings() =>
        LintAssert.Flags(
            "YB1023",
            """
            create collation s.a (locale = 'C', [|DETERMINISTIC|]);
            CREATE COLLATION b (provider = icu, locale = 'und', [|deterministic = 'on'|]);
            """,
            target: "2.20");

    [Fact]
    public void Does_not_flag_false_collations_without_the_option_or_supported_versions()
    {
        LintAssert.Clean(
            "YB1023",
            """
            CREATE COLLATION a (provider = icu, locale = 'und', deterministic = false);
            CREATE COLLATION b (provider = icu, locale = 'de-DE');
            CREATE COLLATION c FROM "C";
            """,
            target: "2024.2");
        LintAssert.Clean("YB1023", "CREATE COLLATION g (provider = icu, locale = 'de', deterministic = true);");
        LintAssert.Clean("YB1023", "CREATE COLLATION g (provider = icu, locale = 'de', deterministic = true);", target: "2025.1");
    }
}
