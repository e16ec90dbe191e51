namespace YbMigrate.Linter.Tests.Rules;

public class TableInheritanceRuleTests
{
    [Fact]
    public void Flags_inherits_in_every_version_so_far() =>
        LintAssert.Flags("YB1021", "CREATE TABLE cities_eu (region text) [|INHERITS|] (cities);", target: "2024.2");

    [Fact]
    public void Flags_inherits_on_the_default_target_with_the_preview_flag()
    {
        var findings = LintAssert.Flags("YB1021", "create table s.c () [|inherits|] (s.p, q);");
        Assert.Contains("ysql_enable_inheritance", findings[0].Message);
    }

    [Fact]
    public void Flags_alter_table_inherit_and_foreign_tables_but_not_no_inherit() =>
        LintAssert.Flags(
            "YB1021",
            """
            ALTER TABLE c NO INHERIT q, [|INHERIT|] p;
            ALTER TABLE c ADD CONSTRAINT positive CHECK (x > 0) NO INHERIT;
            CREATE FOREIGN TABLE f (x int) [|INHERITS|] (p) SERVER s;
            """);

    [Fact]
    public void Does_not_flag_partitions_or_plain_tables() =>
        LintAssert.Clean(
            "YB1021",
            """
            CREATE TABLE p (x int, at date) PARTITION BY RANGE (at);
            CREATE TABLE p_2024 PARTITION OF p FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
            CREATE TABLE p_default PARTITION OF p DEFAULT;
            CREATE TABLE q (x int, CHECK (x > 0) NO INHERIT);
            ALTER TABLE c NO INHERIT p;
            ALTER TABLE p ATTACH PARTITION p_old FOR VALUES FROM ('2000-01-01') TO ('2024-01-01');
            """);
}
