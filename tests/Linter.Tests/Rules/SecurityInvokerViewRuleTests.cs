namespace YbMigrate.Linter.Tests.Rules;

public class SecurityInvokerViewRuleTests
{
    [Fact]
    public void Flags_security_invoker_true() =>
        LintAssert.Flags(
            "YB1022",
            "CREATE VIEW my_orders WITH ([|security_invoker = true|]) AS SELECT * FROM orders;",
            target: "2024.2");

    [Fact]
    public void Flags_other_spellings_of_true_and_alter_view() =>
        LintAssert.Flags(
            "YB1022",
            """
            create or replace view s.v with (security_barrier, [|SECURITY_INVOKER|]) as select 1;
            CREATE VIEW w WITH ([|security_invoker = on|], check_option = local) AS SELECT 1;
            CREATE VIEW x WITH ([|security_invoker = 1|]) AS SELECT 1;
            ALTER VIEW v SET ([|security_invoker = 'yes'|]);
            """,
            target: "2.20");

    [Fact]
    public void Does_not_flag_false_other_options_or_supported_versions()
    {
        LintAssert.Clean(
            "YB1022",
            """
            CREATE VIEW a WITH (security_invoker = false) AS SELECT 1;
            CREATE VIEW b WITH (security_barrier = true) AS SELECT 1;
            CREATE VIEW c AS SELECT 1 WITH CHECK OPTION;
            ALTER VIEW a SET (security_invoker = off);
            ALTER VIEW a RESET (security_invoker);
            ALTER TABLE t SET (fillfactor = 70);
            """,
            target: "2024.2");
        LintAssert.Clean("YB1022", "CREATE VIEW v WITH (security_invoker = true) AS SELECT 1;");
        LintAssert.Clean("YB1022", "CREATE VIEW v WITH (security_invoker = true) AS SELECT 1;", target: "2.25");
    }
}
