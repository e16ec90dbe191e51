using System.Collections.Generic;
using System.Linq;
using YbMigrate.Linter.Scripts;

namespace YbMigrate.Linter.Tests.Engine;

public class PsqlScriptSplitterTests
{
    private static string[] Pieces(string script, SegmentKind kind = SegmentKind.Statement) =>
        PsqlScriptSplitter.Split(script).Where(s => s.Kind == kind).Select(s => script.Substring(s.Span.Start, s.Span.Length)).ToArray();

    [Fact]
    public void Read_a_few_segments_at_a_time_a_script_splits_as_in_one_go()
    {
        const string script = """
            \c shop
            CREATE TABLE t (a int, b text);
            COPY t FROM stdin;
            1\tx
            \.
            ;; SELECT 'a;b' -- note
            FROM t; \set x 1
            CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END;
            SELECT 'left open
            """;
        var whole = PsqlScriptSplitter.Split(script);
        var splitter = new PsqlScriptSplitter.Splitter(script);
        var read = new List<ScriptSegment>();

        for (var count = 1; !splitter.Done; count++)
        {
            splitter.ReadUntil(count);
            Assert.True(splitter.Forgotten + splitter.Segments.Count >= count || splitter.Done);
            Assert.Equal(read.Count, splitter.Forgotten);
            if (count % 2 == 0)
            {
                // Now and then the reader takes what was split and the splitter forgets it: it goes on as if it had kept it.
                read.AddRange(splitter.Segments);
                splitter.Forget();
            }
        }

        read.AddRange(splitter.Segments);
        Assert.Equal(whole, read);
    }

    [Fact]
    public void Splits_at_semicolons_outside_quotes_comments_and_parentheses()
    {
        const string script = """
            -- header; not a statement
            SELECT 'a;b', "x;y" FROM t; /* c; /* nested; */ still comment; */
            CREATE RULE r AS ON INSERT TO t DO ALSO (SELECT 1; SELECT 2);
            SELECT E'it\'s; fine', $$ body; $$, $tag$ more; $tag$;
            SELECT 1
            """;
        Assert.Equal(
            new[]
            {
                "SELECT 'a;b', \"x;y\" FROM t",
                "CREATE RULE r AS ON INSERT TO t DO ALSO (SELECT 1; SELECT 2)",
                "SELECT E'it\\'s; fine', $$ body; $$, $tag$ more; $tag$",
                "SELECT 1",
            },
            Pieces(script));
    }

    [Fact]
    public void Keeps_sql_standard_function_bodies_whole()
    {
        const string script = """
            CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql
            BEGIN ATOMIC
              SELECT CASE WHEN a > 0 THEN 1 ELSE 0 END;
              SELECT a;
            END;
            SELECT f(1);
            """;
        var pieces = Pieces(script);
        Assert.Equal(2, pieces.Length);
        Assert.EndsWith("END", pieces[0]);
        Assert.Equal("SELECT f(1)", pieces[1]);
    }

    [Fact]
    public void Recognises_meta_commands_and_inline_copy_data()
    {
        const string script = "\\c chinook\nCREATE TABLE t (a int, b text);\nCOPY t (a, b) FROM stdin;\n1\tone; two\n2\t\\N\n\\.\n\\set ON_ERROR_STOP on\nSELECT count(*) FROM t;\n";
        Assert.Equal(new[] { "\\c chinook", "\\set ON_ERROR_STOP on" }, Pieces(script, SegmentKind.MetaCommand));
        Assert.Equal(new[] { "1\tone; two\n2\t\\N\n" }, Pieces(script, SegmentKind.CopyData));
        Assert.Equal(new[] { "CREATE TABLE t (a int, b text)", "COPY t (a, b) FROM stdin", "SELECT count(*) FROM t" }, Pieces(script));
    }

    [Fact]
    public void An_unterminated_string_runs_to_the_end_without_failing()
    {
        var pieces = Pieces("SELECT 1; SELECT 'oops; SELECT 2;");
        Assert.Equal(new[] { "SELECT 1", "SELECT 'oops; SELECT 2;" }, pieces);
    }

    [Fact]
    public void Keeps_keyword_less_statements_that_libpg_query_scanner_split_drops()
    {
        Assert.Equal(new[] { "select 1", "selec 2", "select 3" }, Pieces("select 1; selec 2; select 3;"));
    }

    [Fact]
    public void Leading_trivia_holds_the_comments_before_a_statement()
    {
        const string script = "SELECT 1;\n-- yb-migrate:disable-next-statement\nSELECT 2;";
        var second = PsqlScriptSplitter.Split(script)[1];
        Assert.Contains("disable-next-statement", script.Substring(second.LeadingTrivia.Start, second.LeadingTrivia.Length));
    }
}
