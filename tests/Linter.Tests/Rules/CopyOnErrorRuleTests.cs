namespace YbMigrate.Linter.Tests.Rules;

public class CopyOnErrorRuleTests
{
    [Fact]
    public void Flags_the_on_error_option() =>
        LintAssert.Flags(
            "YB3011",
            """
            COPY readings FROM '/data/r.csv' WITH (FORMAT csv, [|ON_ERROR|] ignore);
            COPY readings FROM '/data/r.txt' ([|on_error|] 'stop');
            """);

    [Fact]
    public void Flags_on_error_inside_a_sql_function_body() =>
        LintAssert.Flags(
            "YB3011",
            "CREATE PROCEDURE load() LANGUAGE sql AS $$ COPY readings FROM '/data/r.csv' (FORMAT csv, [|ON_ERROR|] ignore) $$;");

    [Fact]
    public void Does_not_flag_other_copy_options() =>
        LintAssert.Clean("YB3011", "COPY readings FROM '/data/r.csv' WITH (FORMAT csv, HEADER true, NULL 'on_error');");
}
