namespace YbMigrate.Linter.Tests.Rules;

public class UniqueNullsNotDistinctRuleTests
{
    [Fact]
    public void Flags_column_and_table_constraints() =>
        LintAssert.Flags(
            "YB1027",
            "CREATE TABLE accounts (id bigint PRIMARY KEY, email text UNIQUE [|NULLS NOT DISTINCT|], a int, b int, UNIQUE NULLS DISTINCT (a), UNIQUE [|NULLS NOT DISTINCT|] (a, b));",
            target: "2024.2");

    [Fact]
    public void Flags_alter_table_and_unique_indexes_in_any_case() =>
        LintAssert.Flags(
            "YB1027",
            """
            alter table s.accounts add constraint accounts_email_key unique [|nulls not distinct|] (email);
            CREATE UNIQUE INDEX accounts_ab ON accounts (a NULLS FIRST, b) [|NULLS NOT DISTINCT|] WHERE a > 0;
            """,
            target: "2.20");

    [Fact]
    public void Does_not_flag_plain_unique_keys_or_supported_versions()
    {
        LintAssert.Clean(
            "YB1027",
            """
            CREATE TABLE t (a int UNIQUE, b int, UNIQUE (a, b));
            CREATE UNIQUE INDEX t_b ON t (b NULLS LAST);
            ALTER TABLE t ADD CONSTRAINT t_key UNIQUE (b);
            """,
            target: "2024.2");
        LintAssert.Clean("YB1027", "CREATE TABLE t (a int UNIQUE NULLS NOT DISTINCT);");
        LintAssert.Clean("YB1027", "CREATE TABLE t (a int UNIQUE NULLS NOT DISTINCT);", target: "2025.1");
    }
}
