namespace YbMigrate.Linter.Tests.Rules;

public class SavepointWithCdcRuleTests
{
    // No function-body test: PostgreSQL rejects SAVEPOINT inside functions and DO blocks.
    [Fact]
    public void Flags_savepoints_in_versions_without_the_cdc_fix()
    {
        const string sql = """
            BEGIN;
            [|SAVEPOINT|] before_lines;
            ROLLBACK TO SAVEPOINT before_lines;
            RELEASE SAVEPOINT before_lines;
            COMMIT;
            """;
        var findings = LintAssert.Flags("YB3019", sql, target: "2025.1.2");
        Assert.Equal(YbMigrate.Linter.Engine.Severity.Info, findings[0].Severity);
        LintAssert.Flags("YB3019", sql, target: "2024.2.7");
    }

    [Fact]
    public void Does_not_flag_versions_with_the_fix()
    {
        const string sql = "BEGIN; SAVEPOINT s; ROLLBACK TO SAVEPOINT s; COMMIT;";
        LintAssert.Clean("YB3019", sql, target: "2025.1.4");
        LintAssert.Clean("YB3019", sql, target: "2024.2.8");
        LintAssert.Clean("YB3019", sql);
    }
}
