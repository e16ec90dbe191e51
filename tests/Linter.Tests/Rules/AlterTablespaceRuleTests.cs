namespace YbMigrate.Linter.Tests.Rules;

public class AlterTablespaceRuleTests
{
    [Fact]
    public void Flags_every_form_of_alter_tablespace() =>
        LintAssert.Flags(
            "YB1043",
            """
            [|ALTER TABLESPACE|] fast_disk RENAME TO hot_data;
            [|alter tablespace|] hot_data owner to app_owner;
            [|ALTER TABLESPACE|] hot_data SET (random_page_cost = 1.1);
            [|ALTER  TABLESPACE|] hot_data RESET (seq_page_cost);
            """);

    [Fact]
    public void Does_not_flag_create_tablespace_or_moving_a_table() =>
        LintAssert.Clean(
            "YB1043",
            """
            CREATE TABLESPACE hot_data LOCATION '/data/hot';
            ALTER TABLE events SET TABLESPACE hot_data;
            ALTER TABLE events RENAME TO old_events;
            ALTER SCHEMA app OWNER TO app_owner;
            """);
}
