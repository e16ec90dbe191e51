namespace YbMigrate.Linter.Tests.Rules;

public class CreateDatabaseLocaleOptionRuleTests
{
    [Fact]
    public void Flags_locale_provider_and_icu_locale()
    {
        var findings = LintAssert.Flags(
            "YB1029",
            "CREATE DATABASE shop WITH ENCODING 'UTF8' [|LOCALE_PROVIDER icu|] [|ICU_LOCALE 'en-US'|] TEMPLATE template0;");
        Assert.Contains("LOCALE_PROVIDER", findings[0].Message);
    }

    [Fact]
    public void Flags_every_listed_option_in_any_case() =>
        LintAssert.Flags(
            "YB1029",
            """
            create database a [|locale 'en_US.UTF-8'|] [|strategy = wal_log|] [|oid = 20000|];
            CREATE DATABASE b [|COLLATION_VERSION = '1.2'|] [|BUILTIN_LOCALE 'C.UTF-8'|] [|ICU_RULES = '&a < b'|];
            """);

    [Fact]
    public void Does_not_flag_plain_create_database_or_classic_options() =>
        LintAssert.Clean(
            "YB1029",
            """
            CREATE DATABASE a;
            CREATE DATABASE b WITH OWNER app ENCODING 'UTF8' TEMPLATE template0 LC_COLLATE 'C' LC_CTYPE 'C' CONNECTION LIMIT 50 COLOCATION = true;
            CREATE COLLATION c (provider = icu, locale = 'und');
            """);
}
