namespace YbMigrate.Linter.Tests.Rules;

public class LowCardinalityIndexRuleTests
{
    [Fact]
    public void Flags_single_column_indexes_on_boolean_columns() =>
        LintAssert.Flags(
            "YB4007",
            """
            CREATE DOMAIN flag AS bool;
            CREATE TABLE jobs (id bigint PRIMARY KEY, done boolean NOT NULL, archived flag);
            CREATE INDEX jobs_done_idx ON jobs ([|done|]);
            create index on public.jobs ([|archived|] desc);
            CREATE INDEX ON app.tasks ([|"Active"|]);
            """,
            target: null,
            "CREATE TABLE app.tasks (id int PRIMARY KEY, \"Active\" bool);");

    [Fact]
    public void Does_not_flag_partial_multi_column_expression_or_non_boolean_indexes() =>
        LintAssert.Clean(
            "YB4007",
            """
            CREATE TABLE jobs (id bigint PRIMARY KEY, done boolean, flags boolean[], created_at timestamptz);
            CREATE INDEX ON jobs (done) WHERE NOT done;
            CREATE INDEX ON jobs (done, created_at);
            CREATE INDEX ON jobs ((done::int));
            CREATE INDEX ON jobs (created_at);
            CREATE INDEX ON jobs USING gin (flags);
            CREATE INDEX ON undeclared (done);
            """);

    [Fact]
    public void Does_not_flag_the_chinook_script() =>
        LintAssert.Clean("YB4007", ChinookScript.Text);
}
