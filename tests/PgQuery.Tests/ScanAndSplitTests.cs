using System.Linq;
using YbMigrate.PgQuery;
using PgQueryApi = YbMigrate.PgQuery.PgQuery;

namespace YbMigrate.PgQuery.Tests;

public class ScanAndSplitTests
{
    [Fact]
    public void Scan_returns_tokens_with_kinds_and_char_spans_comments_included()
    {
        const string sql = "CREATE UNLOGGED TABLE \"Tëst\" (a int) -- note ü\n;";
        var result = PgQueryApi.Scan(sql);

        Assert.Null(result.Error);
        var texts = result.Tokens.Select(t => t.Text(sql)).ToList();
        Assert.Equal(new[] { "CREATE", "UNLOGGED", "TABLE", "\"Tëst\"", "(", "a", "int", ")", "-- note ü", ";" }, texts);
        Assert.Equal(TokenKind.UNLOGGED, result.Tokens[1].Kind);
        Assert.Equal(KeywordKind.Unreserved, result.Tokens[1].KeywordKind);
        Assert.Equal(TokenKind.IDENT, result.Tokens[3].Kind);
        Assert.Equal(TokenKind.SQL_COMMENT, result.Tokens[8].Kind);
    }

    [Fact]
    public void Scan_reports_lexer_errors()
    {
        var result = PgQueryApi.Scan("SELECT 'unterminated");
        Assert.NotNull(result.Error);
        Assert.Empty(result.Tokens);
    }

    [Fact]
    public void Split_with_scanner_and_with_parser_give_statement_spans()
    {
        const string sql = "SELECT 'é;'; CREATE RULE r AS ON INSERT TO t DO ALSO (SELECT 1; SELECT 2);";
        foreach (var split in new[] { PgQueryApi.Split(sql), PgQueryApi.SplitWithParser(sql) })
        {
            Assert.Null(split.Error);
            var statements = split.Statements.Select(s => sql.Substring(s.Start, s.Length).Trim()).ToList();
            Assert.Equal(new[] { "SELECT 'é;'", "CREATE RULE r AS ON INSERT TO t DO ALSO (SELECT 1; SELECT 2)" }, statements);
        }
    }

    [Fact]
    public void Split_with_parser_fails_on_a_syntax_error()
    {
        Assert.NotNull(PgQueryApi.SplitWithParser("SELECT 1; SELEC 2;").Error);
    }
}
