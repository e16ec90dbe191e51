namespace YbMigrate.Linter.Tests.Rules;

public class UnsupportedIndexMethodRuleTests
{
    [Fact]
    public void Flags_gist_brin_and_spgist_at_the_method_name()
    {
        LintAssert.Flags("YB1003", "CREATE INDEX events_period_idx ON events USING [|gist|] (period);");
        LintAssert.Flags("YB1003", "create index on public.logs using [|BRIN|] (created_at);");
        LintAssert.Flags("YB1003", "CREATE INDEX ON t USING /* tree */ [|spgist|] (p);");
    }

    [Fact]
    public void Does_not_flag_default_btree_hash_or_gin_indexes() =>
        LintAssert.Clean("YB1003", "CREATE INDEX ON t (a); CREATE INDEX ON t USING btree (a); CREATE INDEX ON t USING hash (a); CREATE INDEX ON t USING gin (doc);");
}
