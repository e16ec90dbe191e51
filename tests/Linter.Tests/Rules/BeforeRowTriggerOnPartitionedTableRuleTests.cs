namespace YbMigrate.Linter.Tests.Rules;

public class BeforeRowTriggerOnPartitionedTableRuleTests
{
    private const string Events = "CREATE TABLE events (id bigint, at date) PARTITION BY RANGE (at);";

    [Fact]
    public void Flags_before_row_trigger_on_a_partitioned_table_of_the_same_file()
    {
        var findings = LintAssert.Flags(
            "YB1015",
            Events + "\nCREATE TRIGGER events_stamp [|BEFORE|] INSERT OR UPDATE ON events FOR EACH ROW EXECUTE FUNCTION stamp();",
            target: "2024.2");
        Assert.Contains("\"events\"", findings[0].Message);
    }

    [Fact]
    public void Flags_a_table_declared_in_another_file_and_qualified_or_lower_case_forms() =>
        LintAssert.Flags(
            "YB1015",
            """
            create or replace trigger a [|before|] delete on app.events for each row execute procedure audit();
            CREATE TRIGGER b [|BEFORE|] UPDATE OF at ON events FOR EACH ROW WHEN (OLD.at IS DISTINCT FROM NEW.at) EXECUTE FUNCTION f();
            """,
            target: "2.20",
            "CREATE TABLE app.events (id bigint, at date) PARTITION BY LIST (id);");

    [Fact]
    public void Flags_a_table_declared_later_in_the_same_file() =>
        LintAssert.Flags(
            "YB1015",
            "CREATE TRIGGER t [|BEFORE|] INSERT ON events FOR EACH ROW EXECUTE FUNCTION f();\n" + Events,
            target: "2024.2");

    [Fact]
    public void Does_not_flag_after_or_statement_triggers_plain_tables_or_partitions() =>
        LintAssert.Clean(
            "YB1015",
            Events + """

            CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
            CREATE TABLE plain (id bigint);
            CREATE TRIGGER a AFTER INSERT ON events FOR EACH ROW EXECUTE FUNCTION f();
            CREATE TRIGGER b BEFORE INSERT ON events FOR EACH STATEMENT EXECUTE FUNCTION f();
            CREATE TRIGGER c BEFORE INSERT ON events_2024 FOR EACH ROW EXECUTE FUNCTION f();
            CREATE TRIGGER d BEFORE INSERT ON plain FOR EACH ROW EXECUTE FUNCTION f();
            CREATE TRIGGER e BEFORE INSERT ON unknown_table FOR EACH ROW EXECUTE FUNCTION f();
            """,
            target: "2024.2");

    [Fact]
    public void Does_not_flag_versions_that_support_it()
    {
        const string sql = Events + "\nCREATE TRIGGER t BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION f();";
        LintAssert.Clean("YB1015", sql);
        LintAssert.Clean("YB1015", sql, target: "2.25");
        LintAssert.Clean("YB1015", sql, target: "2025.1");
    }
}
