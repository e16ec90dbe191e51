namespace YbMigrate.Linter.Tests.Rules;

public class SqlStandardFunctionBodyRuleTests
{
    [Fact]
    public void Flags_return_expression_body()
    {
        var findings = LintAssert.Flags(
            "YB1026",
            "CREATE FUNCTION add_tax(amount numeric) RETURNS numeric LANGUAGE sql [|RETURN|] amount * 1.2;",
            target: "2024.2");
        Assert.Contains("RETURN", findings[0].Message);
    }

    [Fact]
    public void Flags_begin_atomic_bodies_of_functions_and_procedures() =>
        LintAssert.Flags(
            "YB1026",
            """
            create or replace function s.two(return int) returns int language sql immutable
            [|begin atomic|]
              select 1;
              select return + 1;
            end;
            CREATE PROCEDURE log_it(msg text) LANGUAGE sql [|BEGIN /* std */ ATOMIC|] INSERT INTO log VALUES (msg); END;
            CREATE FUNCTION one() RETURNS int LANGUAGE sql [|BEGIN ATOMIC|] RETURN 1; END;
            CREATE PROCEDURE noop() LANGUAGE sql [|BEGIN ATOMIC|] END;
            """,
            target: "2.20");

    [Fact]
    public void Does_not_flag_quoted_bodies_or_supported_versions()
    {
        LintAssert.Clean(
            "YB1026",
            """
            CREATE FUNCTION a(x int) RETURNS int LANGUAGE sql AS $$ SELECT x + 1 $$;
            CREATE FUNCTION b(x int) RETURNS int AS 'SELECT x' LANGUAGE sql;
            CREATE FUNCTION c() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END $$;
            CREATE PROCEDURE d() LANGUAGE plpgsql AS $body$ BEGIN NULL; END $body$;
            """,
            target: "2024.2");
        LintAssert.Clean("YB1026", "CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql RETURN a + 1;");
        LintAssert.Clean("YB1026", "CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql RETURN a + 1;", target: "2.25");
    }
}
