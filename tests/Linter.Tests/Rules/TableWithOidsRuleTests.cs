namespace YbMigrate.Linter.Tests.Rules;

public class TableWithOidsRuleTests
{
    [Fact]
    public void Flags_the_oids_storage_option_in_its_true_forms() =>
        LintAssert.Flags(
            "YB1031",
            """
            CREATE TABLE audit_log (entry text) WITH ([|oids|] = true);
            create table app.audit_log (entry text) with ([|OIDS|]=on, fillfactor=70);
            CREATE TABLE flags (f int) WITH ([|oids|]);
            CREATE TABLE copy_of_log WITH ([|oids|] = true) AS SELECT * FROM audit_log;
            """);

    [Fact]
    public void Flags_the_pre_postgresql_12_with_oids_syntax_instead_of_a_syntax_error()
    {
        LintAssert.Flags("YB1031", "CREATE TABLE audit_log (entry text) [|WITH OIDS|];");
        LintAssert.Flags("YB1031", "alter table only audit_log set [|with oids|];");
        var result = LintAssert.Lint("CREATE TABLE audit_log (entry text) WITH OIDS;");
        Assert.DoesNotContain(result.Findings, f => f.Rule.Id == "YB0001");
    }

    [Fact]
    public void Leaves_other_syntax_errors_to_the_parser()
    {
        var result = LintAssert.Lint("CREATE TABEL audit_log (entry text) WITH OIDS;");
        Assert.Contains(result.Findings, f => f.Rule.Id == "YB0001");
        Assert.DoesNotContain(result.Findings, f => f.Rule.Id == "YB1031");
    }

    [Fact]
    public void Does_not_flag_oids_false_without_oids_or_other_storage_options() =>
        LintAssert.Clean(
            "YB1031",
            """
            CREATE TABLE a (id int PRIMARY KEY) WITH (oids = false);
            CREATE TABLE b (id int PRIMARY KEY) WITHOUT OIDS;
            CREATE TABLE c (id int PRIMARY KEY) WITH (fillfactor = 70);
            ALTER TABLE c SET WITHOUT OIDS;
            CREATE TABLE d (oids int PRIMARY KEY);
            """);
}
