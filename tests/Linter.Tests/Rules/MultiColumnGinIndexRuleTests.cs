namespace YbMigrate.Linter.Tests.Rules;

public class MultiColumnGinIndexRuleTests
{
    [Fact]
    public void Flags_gin_indexes_on_several_keys()
    {
        var findings = LintAssert.Flags(
            "YB1010",
            """
            CREATE INDEX docs_search_idx ON docs USING gin [|(title_tsv, body_tsv)|];
            create index on public.docs using GIN [|(tags, (to_tsvector('english', body)))|];
            CREATE INDEX ON docs USING ybgin [|(tags, labels, codes)|];
            """);
        Assert.Contains("3 keys", findings[2].Message);
    }

    [Fact]
    public void Does_not_flag_single_key_gin_or_multi_column_btree() =>
        LintAssert.Clean(
            "YB1010",
            """
            CREATE INDEX docs_tags_idx ON docs USING gin (tags);
            CREATE INDEX docs_body_idx ON docs USING gin (to_tsvector('english', body)) INCLUDE (title);
            CREATE INDEX docs_title_idx ON docs (title, created_at);
            """);
}
