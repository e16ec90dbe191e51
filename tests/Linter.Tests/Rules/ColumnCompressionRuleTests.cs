namespace YbMigrate.Linter.Tests.Rules;

public class ColumnCompressionRuleTests
{
    [Fact]
    public void Flags_compression_in_create_table_and_add_column()
    {
        var findings = LintAssert.Flags(
            "YB1028",
            """
            CREATE TABLE documents (id bigint PRIMARY KEY, body text [|COMPRESSION lz4|], notes text [|compression pglz|] NOT NULL);
            ALTER TABLE documents ADD COLUMN extra text [|COMPRESSION default|];
            """);
        Assert.Contains("lz4", findings[0].Message);
    }

    [Fact]
    public void Flags_set_compression() =>
        LintAssert.Flags(
            "YB1028",
            "alter table s.documents alter column body [|set compression pglz|], ALTER notes [|SET COMPRESSION lz4|];");

    [Fact]
    public void Does_not_flag_columns_without_compression_or_a_column_named_compression() =>
        LintAssert.Clean(
            "YB1028",
            """
            CREATE TABLE documents (id bigint PRIMARY KEY, compression text, body text COLLATE "C" NOT NULL);
            ALTER TABLE documents ALTER COLUMN compression SET DEFAULT 'lz4';
            ALTER TABLE documents ALTER COLUMN body SET STORAGE MAIN;
            """);

    [Fact]
    public void Fix_removes_the_clause_and_keeps_comments() =>
        LintAssert.Fixes(
            "YB1028",
            "CREATE TABLE documents (\n  id bigint PRIMARY KEY, -- key\n  body text COMPRESSION lz4,\n  notes text COMPRESSION pglz NOT NULL /* required */\n);\n",
            "CREATE TABLE documents (\n  id bigint PRIMARY KEY, -- key\n  body text,\n  notes text NOT NULL /* required */\n);\n");

    [Fact]
    public void Fix_removes_a_statement_that_only_sets_compression()
    {
        LintAssert.Fixes(
            "YB1028",
            "-- tune storage\nALTER TABLE documents ALTER COLUMN body SET COMPRESSION pglz;\nSELECT 1;\n",
            "-- tune storage\nSELECT 1;\n");
        LintAssert.Fixes(
            "YB1028",
            "ALTER TABLE documents ALTER body SET COMPRESSION pglz, ALTER notes SET COMPRESSION lz4;\nSELECT 1;\n",
            "SELECT 1;\n");
    }

    [Fact]
    public void Fix_removes_only_the_set_compression_command_among_others()
    {
        LintAssert.Fixes(
            "YB1028",
            "ALTER TABLE documents ALTER COLUMN body SET COMPRESSION pglz, ADD COLUMN extra text;\n",
            "ALTER TABLE documents ADD COLUMN extra text;\n");
        LintAssert.Fixes(
            "YB1028",
            "ALTER TABLE documents ADD COLUMN extra text, ALTER body SET COMPRESSION lz4;\n",
            "ALTER TABLE documents ADD COLUMN extra text;\n");
    }
}
