namespace YbMigrate.Linter.Tests.Rules;

public class AdvisoryLockRuleTests
{
    [Fact]
    public void Flags_advisory_lock_functions_in_any_case_and_qualified() =>
        LintAssert.Flags(
            "YB3001",
            """
            SELECT [|pg_advisory_lock|](42);
            SELECT [|PG_TRY_ADVISORY_XACT_LOCK_SHARED|](1, 2);
            SELECT pg_catalog.[|pg_advisory_unlock_all|]();
            """,
            target: "2024.2");

    [Fact]
    public void Flags_a_call_inside_a_plpgsql_function_body()
    {
        var findings = LintAssert.Flags(
            "YB3001",
            """
            CREATE FUNCTION run_job() RETURNS void LANGUAGE plpgsql AS $$
            BEGIN
              PERFORM [|pg_advisory_xact_lock|](hashtext('nightly'));
            END $$;
            """,
            target: "2024.2");
        Assert.Contains("function run_job", findings[0].Message);
    }

    [Fact]
    public void Reports_the_preview_flag_in_2_25_1()
    {
        var findings = LintAssert.Flags("YB3001", "SELECT [|pg_try_advisory_lock|](7);", target: "2.25.1");
        Assert.Contains("ysql_yb_enable_advisory_locks", findings[0].Message);
    }

    [Fact]
    public void Does_not_flag_supported_versions_lookalikes_or_other_schemas()
    {
        LintAssert.Clean("YB3001", "SELECT pg_advisory_lock(42);");
        LintAssert.Clean("YB3001", "SELECT pg_advisory_lock(42);", target: "2025.1");
        LintAssert.Clean("YB3001", "SELECT locks.pg_advisory_lock(42), 'pg_advisory_lock(1)', pg_advisory_lock_count() FROM t;", target: "2024.2");
    }
}
