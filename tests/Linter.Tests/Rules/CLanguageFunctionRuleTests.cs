namespace YbMigrate.Linter.Tests.Rules;

public class CLanguageFunctionRuleTests
{
    [Fact]
    public void Flags_functions_and_procedures_in_c()
    {
        var findings = LintAssert.Flags(
            "YB1046",
            """
            CREATE FUNCTION fast_hash(text) RETURNS bigint AS 'hashlib', 'fast_hash' [|LANGUAGE C|] STRICT IMMUTABLE;
            create or replace function app.fast_len(text) returns int [|language 'c'|] as '$libdir/fastlen';
            CREATE PROCEDURE app.flush() [|LANGUAGE c|] AS 'flushlib', 'flush';
            """);
        Assert.StartsWith("Function fast_hash", findings[0].Message);
        Assert.StartsWith("Procedure app.flush", findings[2].Message);
    }

    [Fact]
    public void Does_not_flag_sql_plpgsql_or_internal_functions() =>
        LintAssert.Clean(
            "YB1046",
            """
            CREATE FUNCTION add_one(i int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT i + 1 $$;
            CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated := now(); RETURN NEW; END $$;
            CREATE FUNCTION c(i int) RETURNS int LANGUAGE sql AS $$ SELECT i $$;
            """);
}
