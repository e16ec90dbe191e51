namespace YbMigrate.Linter.Tests.Rules;

public class MultirangeColumnTypeRuleTests
{
    [Fact]
    public void Flags_multirange_columns_before_2_25_and_2025_1()
    {
        var findings = LintAssert.Flags(
            "YB2002",
            """
            CREATE TABLE rooms (id int PRIMARY KEY, booked [|tstzmultirange|], days [|DATEMULTIRANGE|][], seats [|pg_catalog.int4multirange|]);
            ALTER TABLE rooms ADD COLUMN prices [|nummultirange|], ALTER COLUMN booked TYPE [|tsmultirange|];
            CREATE TYPE slot AS (ids [|int8multirange|]);
            CREATE DOMAIN busy AS [|tstzmultirange|];
            """,
            target: "2024.2");
        Assert.Contains("column \"booked\" has the multirange type tstzmultirange", findings[0].Message);
        Assert.Contains("datemultirange[]", findings[1].Message);
    }

    [Fact]
    public void Also_flags_on_the_2_20_preview_line() =>
        LintAssert.Flags("YB2002", "CREATE TABLE rooms (booked [|int4multirange|]);", target: "2.20");

    [Fact]
    public void Does_not_flag_range_types_or_a_version_that_supports_multiranges()
    {
        LintAssert.Clean("YB2002", "CREATE TABLE rooms (id int PRIMARY KEY, booked tstzrange, slots int4range[]);", target: "2024.2");
        LintAssert.Clean("YB2002", "CREATE TABLE rooms (id int PRIMARY KEY, booked tstzmultirange);");
        LintAssert.Clean("YB2002", "CREATE TABLE rooms (id int PRIMARY KEY, booked tstzmultirange);", target: "2.25");
    }
}
