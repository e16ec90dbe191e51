using System.Linq;

namespace YbMigrate.Linter.Tests.Rules;

public class RedundantIndexRuleTests
{
    [Fact]
    public void Flags_an_index_on_the_leading_primary_key_column()
    {
        var findings = LintAssert.Flags(
            "YB4004",
            """
            CREATE TABLE t (a int, b int, c int, PRIMARY KEY (a, b));
            CREATE INDEX t_a_idx ON t ([|a|]);
            """);
        Assert.Contains("Index \"t_a_idx\" (a)", findings[0].Message);
        Assert.Contains("primary key", findings[0].Message);
    }

    [Fact]
    public void Flags_a_prefix_of_an_index_declared_later_or_in_another_file()
    {
        var findings = LintAssert.Flags(
            "YB4004",
            """
            create index on app.t ([|b, c|]);
            CREATE INDEX t_c_idx ON app.t USING btree ([|c|]);
            CREATE INDEX t_b_c_a_idx ON app.t (b, c, a);
            """,
            target: null,
            "CREATE TABLE app.t (a int PRIMARY KEY, b int, c int); CREATE INDEX t_c_a_idx ON app.t USING lsm (c, a);");
        Assert.Contains("t_b_c_a_idx", findings[0].Message);
        Assert.Contains("t_c_a_idx", findings[1].Message);
    }

    [Fact]
    public void Flags_exact_duplicates_on_the_later_one_and_a_unique_constraint_repeating_the_primary_key() =>
        LintAssert.Flags(
            "YB4004",
            """
            CREATE TABLE u ([|id|] int PRIMARY KEY UNIQUE, code text, CONSTRAINT u_code_key UNIQUE (code));
            CREATE INDEX u_code_idx ON u ([|code|]);
            CREATE INDEX u_code_idx2 ON u ([|code|]);
            ALTER TABLE u ADD CONSTRAINT u_code_key2 UNIQUE ([|code|]);
            """);

    [Fact]
    public void Flags_a_unique_constraint_written_twice_in_one_statement_on_the_second() =>
        LintAssert.Flags(
            "YB4004",
            """
            CREATE TABLE t (a int PRIMARY KEY, b int, UNIQUE (b), UNIQUE ([|b|]));
            """);

    [Fact]
    public void Does_not_flag_unique_partial_covering_range_or_expression_indexes() =>
        LintAssert.Clean(
            "YB4004",
            """
            CREATE TABLE t (a int, b int, c int, d jsonb, PRIMARY KEY (a, b));
            CREATE UNIQUE INDEX t_c_key ON t (c);
            CREATE INDEX t_c_b_idx ON t (c, b);
            CREATE INDEX t_b_partial ON t (b) WHERE c > 0;
            CREATE INDEX t_b_a_idx ON t (b, a) WHERE c > 0;
            CREATE INDEX t_a_range ON t (a DESC);
            CREATE INDEX t_b_incl ON t (b) INCLUDE (c);
            CREATE INDEX t_b_c_idx ON t (b, c);
            CREATE INDEX t_d_gin ON t USING gin (d);
            CREATE INDEX t_expr ON t ((a + b));
            CREATE INDEX t_c_hash ON t USING hash (c);
            CREATE TABLE other (a int, b int);
            CREATE INDEX other_a_idx ON other (a);
            CREATE INDEX IF NOT EXISTS other_a_idx ON other (a);
            """);

    [Fact]
    public void Flags_only_the_index_the_chinook_primary_key_already_covers()
    {
        var sql = ChinookScript.Text;
        var findings = LintAssert.Lint(sql).Findings.Where(f => f.Rule.Id == "YB4004").ToList();
        var finding = Assert.Single(findings);
        Assert.Equal("playlist_id", ChinookScript.SpanText(sql, finding));
        Assert.Contains("playlist_track_playlist_id_idx", finding.Message);
        Assert.Contains("playlist_track_pkey", finding.Message);
    }
}
