namespace YbMigrate.Linter.Tests.Rules;

public class KeyOnUnindexableTypeRuleTests
{
    [Fact]
    public void Flags_inline_primary_key_on_jsonb() =>
        LintAssert.Flags("YB2003", "CREATE TABLE docs ([|body|] jsonb PRIMARY KEY);");

    [Fact]
    public void Flags_index_on_a_column_declared_in_another_file()
    {
        var findings = LintAssert.Flags(
            "YB2003",
            "CREATE INDEX hosts_address_idx ON hosts ([|address|]);",
            target: null,
            "CREATE TABLE hosts (id bigint PRIMARY KEY, address inet);");
        Assert.Contains("inet", findings[0].Message);
    }

    [Fact]
    public void Flags_unique_constraint_added_later_on_an_enum_and_on_a_domain_over_an_array() =>
        LintAssert.Flags(
            "YB2003",
            """
            CREATE TYPE mood AS ENUM ('happy', 'sad');
            CREATE DOMAIN tags AS text[];
            CREATE TABLE people (id int PRIMARY KEY, feeling mood, labels tags);
            ALTER TABLE people ADD CONSTRAINT people_feeling_key UNIQUE ([|feeling|]);
            CREATE INDEX ON people ([|labels|]);
            """);

    [Fact]
    public void Does_not_flag_gin_indexes_scalar_keys_or_a_domain_over_int() =>
        LintAssert.Clean(
            "YB2003",
            """
            CREATE DOMAIN positive AS int CHECK (VALUE > 0);
            CREATE TABLE docs (id positive PRIMARY KEY, body jsonb, address inet);
            CREATE INDEX docs_body_idx ON docs USING gin (body);
            CREATE INDEX docs_address_idx ON docs ((host(address)));
            """);
}
