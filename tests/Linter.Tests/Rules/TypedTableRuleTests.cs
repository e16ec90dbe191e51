namespace YbMigrate.Linter.Tests.Rules;

public class TypedTableRuleTests
{
    [Fact]
    public void Flags_create_table_of_type()
    {
        var findings = LintAssert.Flags(
            "YB1039",
            """
            CREATE TABLE people [|OF person|] (PRIMARY KEY (name), born WITH OPTIONS NOT NULL);
            create table app.staff [|of app.person|];
            """);
        Assert.Contains("app.person", findings[1].Message);
    }

    [Fact]
    public void Flags_alter_table_of_and_not_of() =>
        LintAssert.Flags(
            "YB1039",
            """
            ALTER TABLE people [|OF person|];
            alter table app.people [|not of|];
            """);

    [Fact]
    public void Does_not_flag_columns_of_a_composite_type_or_partitions() =>
        LintAssert.Clean(
            "YB1039",
            """
            CREATE TYPE person AS (name text, born date);
            CREATE TABLE people (id int PRIMARY KEY, who person);
            CREATE TABLE events (id int, at date, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
            CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
            ALTER TABLE people ALTER COLUMN who SET NOT NULL;
            """);
}
