namespace YbMigrate.Linter.Tests.Rules;

public class ExpressionPartitionKeyWithUniqueRuleTests
{
    [Fact]
    public void Flags_expression_key_with_an_inline_primary_key()
    {
        var findings = LintAssert.Flags(
            "YB1017",
            "CREATE TABLE logs (id bigint PRIMARY KEY, at timestamptz) PARTITION BY RANGE ([|(date_trunc('month', at))|]);");
        Assert.Contains("primary key", findings[0].Message);
    }

    [Fact]
    public void Flags_function_keys_and_unique_constraints_in_any_case() =>
        LintAssert.Flags(
            "YB1017",
            """
            create table a.codes (code text, kind int, unique (code, kind)) partition by list ([|lower(code)|]);
            CREATE TABLE b (x int, y int, CONSTRAINT b_key UNIQUE (x)) PARTITION BY HASH (x, [|(y % 4)|]);
            """);

    [Fact]
    public void Flags_keys_added_later_or_in_another_file()
    {
        var findings = LintAssert.Flags(
            "YB1017",
            "CREATE TABLE logs (id bigint, at timestamptz) PARTITION BY RANGE ([|(at::date)|]);",
            target: null,
            "CREATE UNIQUE INDEX logs_id_key ON logs (id);");
        Assert.Contains("unique index", findings[0].Message);
        LintAssert.Flags(
            "YB1017",
            "CREATE TABLE logs (id bigint, at timestamptz) PARTITION BY RANGE ([|(at::date)|]);\nALTER TABLE logs ADD CONSTRAINT logs_pkey PRIMARY KEY (id);");
    }

    [Fact]
    public void Does_not_flag_column_keys_or_expression_keys_without_uniqueness() =>
        LintAssert.Clean(
            "YB1017",
            """
            CREATE TABLE a (id bigint, at date, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
            CREATE TABLE b (id bigint, at timestamptz) PARTITION BY RANGE ((date_trunc('month', at)));
            CREATE INDEX b_id_idx ON b (id);
            CREATE TABLE c (id bigint PRIMARY KEY, code text);
            """);
}
