namespace YbMigrate.Linter.Tests.Rules;

public class NonDeterministicCollationRuleTests
{
    [Fact]
    public void Flags_deterministic_false_on_the_default_target() =>
        LintAssert.Flags(
            "YB1024",
            "CREATE COLLATION ci (provider = icu, locale = 'und-u-ks-level2', [|deterministic = false|]);");

    [Fact]
    public void Flags_other_spellings_of_false_in_any_version() =>
        LintAssert.Flags(
            "YB1024",
            """
            create collation s.a (provider = icu, locale = 'und', [|DETERMINISTIC = off|]);
            CREATE COLLATION b (provider = icu, locale = 'und', [|deterministic = 0|]);
            CREATE COLLATION c (provider = icu, locale = 'und', [|deterministic = 'no'|]);
            """,
            target: "2.20");

    [Fact]
    public void Does_not_flag_deterministic_collations() =>
        LintAssert.Clean(
            "YB1024",
            """
            CREATE COLLATION a (provider = icu, locale = 'und', deterministic = true);
            CREATE COLLATION b (provider = icu, locale = 'und', deterministic);
            CREATE COLLATION c (provider = icu, locale = 'und');
            CREATE TABLE t (name text COLLATE "C");
            """);
}
