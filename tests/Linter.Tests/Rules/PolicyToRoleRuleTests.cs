using System.Linq;
using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Rules;

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

    [Fact]
    public void Sees_the_roles_created_anywhere_in_a_script_linted_in_parallel()
    {
        // A script long enough to be linted on the parse workers: roles are collected by several threads at once.
        var statements = Enumerable.Range(0, 400).Select(i => i % 2 == 0 ? $"CREATE POLICY p{i} ON orders TO role_{i} USING (true);" : $"CREATE ROLE role_{i - 1};");
        var script = string.Join("\n", statements) + "\nCREATE POLICY late ON orders TO nobody USING (true);\n";

        var findings = new LintEngine(new LintOptions(), new SqlRule[] { new PolicyToRoleRule() }).Lint(script).Findings;

        var finding = Assert.Single(findings);
        Assert.Equal("nobody", script.Substring(finding.Span.Start, finding.Span.Length));
    }
}
