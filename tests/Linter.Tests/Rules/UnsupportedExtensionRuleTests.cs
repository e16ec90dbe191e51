namespace YbMigrate.Linter.Tests.Rules;

public class UnsupportedExtensionRuleTests
{
    [Fact]
    public void Flags_an_extension_outside_the_supported_set()
    {
        var findings = LintAssert.Flags("YB1030", "CREATE EXTENSION IF NOT EXISTS [|postgis|] WITH SCHEMA public;");
        Assert.Contains("\"postgis\"", findings[0].Message);
    }

    [Fact]
    public void Flags_quoted_and_mixed_case_names() =>
        LintAssert.Flags(
            "YB1030",
            """
            create extension [|TimescaleDB|] cascade;
            CREATE EXTENSION [|"pg_partman"|] SCHEMA partman;
            CREATE EXTENSION IF NOT EXISTS /* js */ [|plv8|] VERSION '3.1';
            """);

    [Fact]
    public void Does_not_flag_supported_extensions_in_any_case() =>
        LintAssert.Clean(
            "YB1030",
            """
            CREATE EXTENSION IF NOT EXISTS pgcrypto;
            CREATE EXTENSION "uuid-ossp";
            CREATE EXTENSION PG_TRGM;
            CREATE EXTENSION "HStore" WITH SCHEMA ext;
            CREATE EXTENSION vector;
            create extension postgres_fdw;
            ALTER EXTENSION postgis UPDATE;
            DROP EXTENSION IF EXISTS postgis;
            """);
}
