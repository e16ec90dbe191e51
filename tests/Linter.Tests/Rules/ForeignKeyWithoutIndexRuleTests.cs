namespace YbMigrate.Linter.Tests.Rules;

public class ForeignKeyWithoutIndexRuleTests
{
    [Fact]
    public void Flags_column_and_table_foreign_keys_without_an_index()
    {
        var findings = LintAssert.Flags(
            "YB4005",
            """
            CREATE TABLE invoice (id bigint PRIMARY KEY);
            CREATE TABLE line (id bigint PRIMARY KEY, [|invoice_id|] bigint REFERENCES invoice, a int, b int,
                CONSTRAINT line_ab_fkey FOREIGN KEY ([|a, b|]) REFERENCES pair (x, y));
            CREATE INDEX line_a_idx ON line (a);
            """);
        Assert.Contains("(invoice_id)", findings[0].Message);
        Assert.Contains("\"invoice\"", findings[0].Message);
    }

    [Fact]
    public void Flags_alter_table_foreign_keys_on_a_non_leading_key_column_or_with_only_a_partial_index() =>
        LintAssert.Flags(
            "YB4005",
            """
            CREATE TABLE public.playlist_track (playlist_id int, track_id int, PRIMARY KEY (playlist_id, track_id));
            ALTER TABLE ONLY public.playlist_track ADD CONSTRAINT pt_track_fkey FOREIGN KEY ([|track_id|]) REFERENCES track (track_id);
            alter table playlist_track add column [|added_by|] int references users;
            create index on playlist_track (added_by) where added_by is not null;
            """);

    [Fact]
    public void Does_not_flag_foreign_keys_led_by_an_index_key_or_unique_constraint_in_any_order() =>
        LintAssert.Clean(
            "YB4005",
            """
            CREATE TABLE p (x int, y int, PRIMARY KEY (x, y));
            CREATE TABLE c (id int PRIMARY KEY REFERENCES p0, a int, b int, d int UNIQUE REFERENCES p1, e int,
                FOREIGN KEY (a, b) REFERENCES p (x, y));
            CREATE INDEX c_b_a_idx ON c (b, a, id);
            ALTER TABLE c ADD FOREIGN KEY (e) REFERENCES p2;
            CREATE INDEX ON c USING lsm (e);
            """);

    [Fact]
    public void Does_not_flag_the_chinook_script_which_indexes_each_foreign_key_right_after_it() =>
        LintAssert.Clean("YB4005", ChinookScript.Text);
}
