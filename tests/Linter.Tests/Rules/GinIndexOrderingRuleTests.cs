namespace YbMigrate.Linter.Tests.Rules;

public class GinIndexOrderingRuleTests
{
    [Fact]
    public void Flags_ordered_gin_keys()
    {
        var findings = LintAssert.Flags(
            "YB1011",
            """
            CREATE INDEX docs_tags_idx ON docs USING gin (tags [|DESC|]);
            create index on public.docs using gin (body jsonb_path_ops [|asc nulls last|]);
            CREATE INDEX ON docs USING gin ((lower(title)::tsvector) [|NULLS FIRST|]);
            """);
        Assert.Contains("asc nulls last", findings[1].Message);
    }

    [Fact]
    public void Flags_yugabyte_hash_ordering_on_a_ybgin_key() =>
        LintAssert.Flags("YB1011", "CREATE INDEX ON docs USING ybgin (tags [|HASH|]);");

    [Fact]
    public void Does_not_flag_unordered_gin_keys_or_ordered_btree_keys() =>
        LintAssert.Clean(
            "YB1011",
            """
            CREATE INDEX docs_tags_idx ON docs USING gin (tags);
            CREATE INDEX docs_body_idx ON docs USING gin (body jsonb_path_ops);
            CREATE INDEX docs_created_idx ON docs (created_at DESC NULLS LAST);
            CREATE INDEX docs_owner_idx ON docs (owner HASH);
            """);
}
