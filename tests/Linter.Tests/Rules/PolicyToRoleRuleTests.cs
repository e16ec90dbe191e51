namespace YbMigrate.Linter.Tests.Rules;

public class PolicyToRoleRuleTests
{
    [Fact]
    public void Flags_policies_for_roles_the_scripts_do_not_create()
    {
        var findings = LintAssert.Flags(
            "YB1012",
            """
            CREATE POLICY tenant_rows ON sales.orders TO [|app_reader|], PUBLIC USING (tenant_id = 1);
            create policy "Own rows" on orders for select to [|"Auditors"|] using (true);
            ALTER POLICY tenant_rows ON sales.orders TO [|app_writer|];
            """);
        Assert.Contains("\"Auditors\"", findings[1].Message);
    }

    [Fact]
    public void Does_not_flag_public_current_user_or_roles_created_in_the_scripts() =>
        LintAssert.Clean(
            "YB1012",
            """
            CREATE POLICY p1 ON orders TO PUBLIC USING (true);
            CREATE POLICY p2 ON orders USING (true);
            CREATE POLICY p3 ON orders TO CURRENT_USER, SESSION_USER USING (true);
            CREATE POLICY p4 ON orders TO app_reader USING (true);
            CREATE POLICY p5 ON orders TO app_writer USING (true);
            CREATE ROLE app_reader;
            """,
            target: null,
            "CREATE USER app_writer WITH PASSWORD 'x';");
}
