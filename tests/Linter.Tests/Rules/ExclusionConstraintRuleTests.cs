namespace YbMigrate.Linter.Tests.Rules;

public class ExclusionConstraintRuleTests
{
    [Fact]
    public void Flags_exclusion_constraints_in_create_and_alter_table()
    {
        var findings = LintAssert.Flags(
            "YB1008",
            """
            CREATE TABLE bookings (room int, during tsrange, [|EXCLUDE|] USING gist (room WITH =, during WITH &&));
            alter table sales.bookings add constraint no_overlap [|exclude|] using gist (during with &&) where (room > 0);
            CREATE TABLE codes (code text, [|EXCLUDE|] (code WITH =));
            """);
        Assert.Contains("gist", findings[0].Message);
    }

    [Fact]
    public void Does_not_flag_unique_or_check_constraints() =>
        LintAssert.Clean(
            "YB1008",
            """
            CREATE TABLE bookings (room int, during tsrange, UNIQUE (room, during), CHECK (room > 0));
            ALTER TABLE bookings ADD CONSTRAINT bookings_room_key UNIQUE (room);
            """);
}
