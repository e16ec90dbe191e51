using System.Collections.Generic;
using System.IO;
using System.Linq;
using YbMigrate.Linter.Tests;
using PgQueryApi = YbMigrate.PgQuery.PgQuery;

namespace YbMigrate.PgQuery.Tests;

/// <summary>The managed scanner against libpg_query's: same tokens wherever it does not give up.</summary>
public class CommonSqlScannerTests
{
    // Tokens the managed scanner handles, and the neighbours where a detail changes the scan.
    private static readonly string[] Handled =
    {
        "CREATE UNLOGGED TABLE \"Tëst\" (a int) -- note ü\n",
        "SELECT t.id, count(*) OVER () FROM app.t_1 t WHERE t.x >= 1 AND t.y <> 2 AND t.z != 3 AND t.w <= 4 ORDER BY 1 LIMIT 10",
        "select \"a\"\"b\", 'it''s', '', x::text, f(a => 1), arr[1], -5, 2147483647, 2147483648, 0000000000042, 1.50, a$b, _x, ÿ",
        "INSERT INTO t VALUES ('a' /* c */, 'b')\n  -- done\n",
        "/* outer /* nested */ still */ SELECT 1 /**/ + 2 /*** x ***/",
        "UPDATE app.t SET name = upper(name), status = status + 1 WHERE id = 42 RETURNING id",
        "SELECT 'a'\n, 'b' ; SELECT a % b ^ c / d * e",
        "CrEaTe InDeX i ON t USING gist (p) WHERE NOT deleted AND x IS NULL",
    };

    // Text the managed scanner leaves to libpg_query.
    private static readonly string[] LeftToNative =
    {
        "SELECT E'a\\nb'", "SELECT 'a\\b'", "SELECT B'101', X'ff', N'x'", "SELECT U&'d\\0061t'", "SELECT U&\"d\\0061t\"",
        "SELECT 'a'\n'b'", "SELECT 'a' -- c\n'b'", "SELECT $1", "SELECT $$x$$", "SELECT 1.5e3", "SELECT .5", "SELECT 1.", "SELECT 1..2",
        "SELECT 123abc", "SELECT a || b", "SELECT a ~ b", "SELECT a := 1", "SELECT 'unterminated", "SELECT \"\"", "SELECT \"x",
        "SELECT 1 /* unterminated", "SELECT a \\gset", "SELECT\va", "SELECT a <=> b", "SELECT a =-1", "SELECT :var",
    };

    [Fact]
    public void Handled_text_scans_as_libpg_query_scans_it()
    {
        foreach (var sql in Handled)
        {
            var tokens = CommonSqlScanner.TryScan(sql);
            Assert.True(tokens is not null, sql);
            AssertSameAsNative(sql, tokens!);
        }
    }

    [Fact]
    public void Text_with_a_subtle_token_is_left_to_libpg_query()
    {
        foreach (var sql in LeftToNative)
        {
            Assert.True(CommonSqlScanner.TryScan(sql) is null, sql);
            var viaScan = PgQueryApi.Scan(sql);
            var native = PgQueryApi.ScanNative(sql);
            Assert.Equal(native.Error?.Message, viaScan.Error?.Message);
            Assert.Equal(Describe(native.Tokens), Describe(viaScan.Tokens));
        }
    }

    [Fact]
    public void Every_statement_of_the_samples_and_fixtures_scans_as_libpg_query_scans_it()
    {
        var files = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "samples"), "*.sql", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(Path.Combine(RepositoryPaths.Shared, "fixtures", "chinook"), "*PostgreSql*.sql"));
        int statements = 0, handled = 0;
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            foreach (var span in PgQueryApi.Split(text).Statements)
            {
                var sql = text.Substring(span.Start, span.Length);
                statements++;
                if (CommonSqlScanner.TryScan(sql) is { } tokens)
                {
                    handled++;
                    AssertSameAsNative(sql, tokens);
                }
            }
        }

        // Most statements of real scripts take the managed path; otherwise it is not worth having.
        Assert.True(handled > statements * 3 / 4, $"{handled} of {statements} statements scanned in managed code");
    }

    [Fact]
    public void A_statement_scanned_in_place_in_its_script_gives_the_tokens_of_its_text_alone()
    {
        // One list reused across statements, as the linter does; a managed and a native scan in turn.
        var statements = new[] { Handled[0], LeftToNative[0], Handled[1], LeftToNative[3], "" };
        var script = string.Join(";\n", statements);
        var tokens = new List<Token> { new(TokenKind.IDENT, KeywordKind.None, new TextSpan(0, 1)) };
        var start = 0;
        foreach (var sql in statements)
        {
            var error = PgQueryApi.ScanInto(script, start, sql.Length, tokens);
            var alone = PgQueryApi.Scan(sql);
            Assert.Equal(alone.Error?.Message, error?.Message);
            Assert.Equal(Describe(alone.Tokens), Describe(tokens));
            start += sql.Length + 2;
        }
    }

    private static void AssertSameAsNative(string sql, IReadOnlyList<Token> tokens)
    {
        var native = PgQueryApi.ScanNative(sql);
        Assert.Null(native.Error);
        Assert.Equal(Describe(native.Tokens), Describe(tokens));
    }

    private static List<string> Describe(IEnumerable<Token> tokens) =>
        tokens.Select(t => $"{t.Kind}/{t.KeywordKind}@{t.Span.Start}+{t.Span.Length}").ToList();
}
