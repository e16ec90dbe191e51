namespace YbMigrate.Linter.Tests.Rules;

public class AlterColumnSetStorageRuleTests
{
    [Fact]
    public void Flags_set_storage_in_every_mode()
    {
        var findings = LintAssert.Flags(
            "YB1038",
            """
            ALTER TABLE documents ALTER COLUMN body [|SET STORAGE|] EXTERNAL;
            alter table app.documents alter title [|set storage|] plain, alter summary [|set storage|] main;
            """);
        Assert.Contains("EXTERNAL", findings[0].Message);
        Assert.Contains("\"summary\"", findings[2].Message);
    }

    [Fact]
    public void Does_not_flag_compression_defaults_or_a_column_named_storage() =>
        LintAssert.Clean(
            "YB1038",
            """
            ALTER TABLE documents ALTER COLUMN storage SET NOT NULL;
            ALTER TABLE documents ALTER COLUMN body SET DEFAULT '';
            CREATE TABLE storage (id int PRIMARY KEY);
            """);
}
