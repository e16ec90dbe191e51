namespace YbMigrate.Linter.Tests.Rules;

public class AlterSystemRuleTests
{
    [Fact]
    public void Flags_alter_system_set_and_reset() =>
        LintAssert.Flags(
            "YB1047",
            """
            [|ALTER SYSTEM|] SET statement_timeout = '30s';
            [|alter system|] reset work_mem;
            [|ALTER /* cluster */ SYSTEM|] RESET ALL;
            """);

    [Fact]
    public void Does_not_flag_database_role_or_session_settings() =>
        LintAssert.Clean(
            "YB1047",
            """
            ALTER DATABASE app SET statement_timeout = '30s';
            ALTER ROLE reporting SET work_mem = '64MB';
            SET statement_timeout = '30s';
            SELECT set_config('work_mem', '64MB', false);
            """);
}
