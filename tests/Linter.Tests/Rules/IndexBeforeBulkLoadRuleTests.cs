using System.Linq;

namespace YbMigrate.Linter.Tests.Rules;

public class IndexBeforeBulkLoadRuleTests
{
    [Fact]
    public void Flags_indexes_constraints_and_triggers_created_before_a_load()
    {
        var findings = LintAssert.Flags(
            "YB4008",
            """
            CREATE TABLE album (album_id int PRIMARY KEY);
            CREATE TABLE track (track_id int PRIMARY KEY, [|album_id|] int REFERENCES album, [|code|] text UNIQUE, genre_id int);
            CREATE INDEX [|track_album_idx|] ON track (album_id);
            create unique index on [|public.track|] (genre_id, code);
            ALTER TABLE ONLY track ADD CONSTRAINT track_genre_fkey FOREIGN KEY ([|genre_id|]) REFERENCES genre (genre_id);
            CREATE TRIGGER [|track_audit|] AFTER INSERT ON track FOR EACH ROW EXECUTE FUNCTION audit();
            COPY track (track_id, album_id) FROM '/data/track.csv' WITH (FORMAT csv);
            INSERT INTO track VALUES (1, 1, 'a', 1);
            """);
        Assert.Contains("Foreign key on \"track\" is created before the table's data is loaded (2 later INSERT/COPY statement(s))", findings[0].Message);
        Assert.Contains("Index \"track_album_idx\"", findings[2].Message);
        Assert.Contains("Trigger \"track_audit\"", findings[5].Message);
    }

    [Fact]
    public void Finds_index_names_as_the_parser_folds_them()
    {
        // Quoted names compare exactly (a doubled quote is one), unquoted ones lower-cased; PostgreSQL
        // folds only ASCII letters, so an unquoted "Über" stays "Über", is not "über", and the
        // finding falls back to the table's name.
        var findings = LintAssert.Flags(
            "YB4008",
            """"
            CREATE TABLE "Trä""ck" (id int, a int, b int);
            CREATE INDEX [|"Ïdx ""A"""|] ON "Trä""ck" (a);
            CREATE INDEX [|Track_B_IDX|] ON "Trä""ck" (b);
            CREATE INDEX Über_idx ON [|"Trä""ck"|] (a, b);
            INSERT INTO "Trä""ck" VALUES (1, 1, 1);
            """");
        Assert.Contains("Index \"Ïdx \"A\"\"", findings[0].Message);
        Assert.Contains("Index \"track_b_idx\"", findings[1].Message);
    }

    [Fact]
    public void Does_not_flag_objects_created_after_the_last_load_or_on_tables_not_loaded() =>
        LintAssert.Clean(
            "YB4008",
            """
            CREATE TABLE album (album_id int PRIMARY KEY, title text);
            CREATE TABLE track (track_id int PRIMARY KEY, album_id int);
            CREATE INDEX album_title_idx ON album (title);
            COPY track FROM '/data/track.csv';
            INSERT INTO track VALUES (2, 1);
            CREATE INDEX track_album_idx ON track (album_id);
            ALTER TABLE track ADD FOREIGN KEY (album_id) REFERENCES album;
            CREATE TRIGGER track_audit AFTER INSERT ON track FOR EACH ROW EXECUTE FUNCTION audit();
            COPY track TO '/data/track_out.csv';
            """);

    [Fact]
    public void Flags_each_chinook_foreign_key_and_index_created_before_the_inserts()
    {
        var sql = ChinookScript.Text;
        var findings = LintAssert.Lint(sql).Findings.Where(f => f.Rule.Id == "YB4008").ToList();
        Assert.Equal(22, findings.Count);
        Assert.Equal(11, findings.Count(f => f.Message.StartsWith("Foreign key", System.StringComparison.Ordinal)));
        Assert.Contains(findings, f => ChinookScript.SpanText(sql, f) == "album_artist_id_idx");
        Assert.Contains(findings, f => ChinookScript.SpanText(sql, f) == "artist_id" && f.Message.Contains("album_artist_id_fkey"));
    }
}
