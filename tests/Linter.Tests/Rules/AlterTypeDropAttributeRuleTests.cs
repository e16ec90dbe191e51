namespace YbMigrate.Linter.Tests.Rules;

public class AlterTypeDropAttributeRuleTests
{
    [Fact]
    public void Flags_drop_attribute()
    {
        var findings = LintAssert.Flags(
            "YB1042",
            """
            ALTER TYPE address [|DROP ATTRIBUTE|] fax;
            alter type app.address [|drop attribute|] if exists pager cascade, add attribute mobile text;
            """);
        Assert.Contains("\"pager\"", findings[1].Message);
    }

    [Fact]
    public void Does_not_flag_other_type_changes_or_alter_table_drop_column() =>
        LintAssert.Clean(
            "YB1042",
            """
            ALTER TYPE address ADD ATTRIBUTE mobile text;
            ALTER TYPE address RENAME ATTRIBUTE zip TO postcode;
            ALTER TYPE mood ADD VALUE 'calm';
            ALTER TABLE customers DROP COLUMN fax;
            """);
}
