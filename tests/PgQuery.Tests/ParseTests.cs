using System.Linq;
using YbMigrate.PgQuery;
using PgQueryApi = YbMigrate.PgQuery.PgQuery;

namespace YbMigrate.PgQuery.Tests;

public class ParseTests
{
    [Fact]
    public void Parses_statements_with_their_spans()
    {
        const string sql = "SELECT 1; CREATE TABLE t (id int PRIMARY KEY);";
        using var result = PgQueryApi.Parse(sql);

        Assert.Null(result.Error);
        Assert.Equal(2, result.Statements.Count);
        Assert.True(result.Statements[0].Node.TryGetProperty("SelectStmt", out _));
        Assert.True(result.Statements[1].Node.TryGetProperty("CreateStmt", out _));
        Assert.Equal("SELECT 1", sql.Substring(result.Statements[0].Span.Start, result.Statements[0].Span.Length));
        Assert.Equal("CREATE TABLE t (id int PRIMARY KEY)", sql.Substring(result.Statements[1].Span.Start, result.Statements[1].Span.Length).Trim());
    }

    [Fact]
    public void Locations_after_non_ascii_text_convert_to_char_offsets()
    {
        // 'é' is 2 bytes, '€' 3 bytes and the emoji 4 bytes (2 UTF-16 chars) in UTF-8.
        const string sql = "SELECT 'é€😀' AS label, price FROM t";
        using var result = PgQueryApi.Parse(sql);

        var target = result.Statements[0].Node.GetProperty("SelectStmt").GetProperty("targetList")[1].GetProperty("ResTarget");
        var byteLocation = target.GetProperty("val").GetProperty("ColumnRef").GetProperty("location").GetInt32();
        Assert.Equal(sql.IndexOf("price"), result.ToCharOffset(byteLocation));
        Assert.NotEqual(byteLocation, result.ToCharOffset(byteLocation));
    }

    [Fact]
    public void Error_carries_message_and_char_position()
    {
        const string sql = "SELECT 'ünïcödé' FROM WHERE x";
        using var result = PgQueryApi.Parse(sql);

        Assert.NotNull(result.Error);
        Assert.Contains("syntax error at or near \"WHERE\"", result.Error!.Message);
        Assert.Equal(sql.IndexOf("WHERE"), result.Error.Position);
        Assert.Empty(result.Statements);
    }

    [Fact]
    public void Parses_plpgsql_bodies()
    {
        const string sql = "CREATE FUNCTION f(a int) RETURNS int LANGUAGE plpgsql AS $$\nBEGIN\n  PERFORM pg_sleep(a);\n  RETURN a + 1;\nEND $$;";
        using var result = PgQueryApi.ParsePlpgsql(sql);

        Assert.Null(result.Error);
        var text = result.Functions.ToString();
        Assert.Contains("PLpgSQL_stmt_perform", text);
        Assert.Contains("SELECT pg_sleep(a)", text);
    }

    [Fact]
    public void Plpgsql_errors_are_reported()
    {
        using var result = PgQueryApi.ParsePlpgsql("CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1 END $$;");
        Assert.NotNull(result.Error);
    }

    [Fact]
    public void Fingerprint_ignores_constants_and_normalize_replaces_them()
    {
        var a = PgQueryApi.Fingerprint("SELECT * FROM t WHERE id = 1");
        var b = PgQueryApi.Fingerprint("select *  from t where id = 42");
        var c = PgQueryApi.Fingerprint("SELECT * FROM t WHERE name = 'x'");

        Assert.Equal(a.Text, b.Text);
        Assert.Equal(a.Value, b.Value);
        Assert.NotEqual(a.Text, c.Text);
        Assert.Equal("SELECT * FROM t WHERE id = $1 AND name = $2", PgQueryApi.Normalize("SELECT * FROM t WHERE id = 7 AND name = 'x'").Query);
        Assert.NotNull(PgQueryApi.Fingerprint("SELEC 1").Error);
    }

    [Fact]
    public void Parsing_is_thread_safe()
    {
        var results = Enumerable.Range(0, 2000).AsParallel().WithDegreeOfParallelism(8).Select(i =>
        {
            var sql = $"SELECT col{i} FROM table{i} WHERE id = {i}";
            using var parsed = PgQueryApi.Parse(sql);
            return parsed.Error is null && parsed.Root.ToString().Contains($"\"table{i}\"");
        }).ToList();

        Assert.All(results, Assert.True);
    }
}
