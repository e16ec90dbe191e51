using System.Linq;

namespace YbMigrate.Linter.Tests.Rules;

public class SqlJsonFunctionRuleTests
{
    [Theory]
    [InlineData("SELECT [|JSON_OBJECT|]('id' : id, 'name' VALUE name) FROM customers;")]
    [InlineData("SELECT id FROM customers WHERE profile [|IS JSON|];")]
    [InlineData("SELECT id FROM customers WHERE profile [|is not json|] OBJECT;")]
    [InlineData("SELECT jt.* FROM orders, [|JSON_TABLE|](orders.doc, '$.items[*]' COLUMNS (sku text PATH '$.sku')) AS jt;")]
    [InlineData("SELECT [|json_value|](doc, '$.total' RETURNING numeric), [|json_array|](1, 2) FROM orders;")]
    [InlineData("SELECT [|JSON_ARRAYAGG|](sku ORDER BY sku RETURNING jsonb) FROM items;")]
    [InlineData("CREATE VIEW v AS SELECT [|json_objectagg|](k : v) FROM kv;")]
    public void Flags_sql_json_syntax_that_postgresql_15_cannot_parse(string sql)
    {
        LintAssert.Flags("YB3007", sql);
        Assert.DoesNotContain(LintAssert.Lint(LintAssert.ParseMarkup(sql).Sql).Findings, f => f.Rule.Id == "YB0001");
    }

    [Fact]
    public void Flags_sql_json_calls_that_parse_as_plain_function_calls() =>
        LintAssert.Flags(
            "YB3007",
            "SELECT [|json_exists|](doc, '$.a'), [|JSON_ARRAYAGG|](x ORDER BY x), [|json_object|](), [|json_query|](doc, '$.b') FROM t;");

    [Fact]
    public void Flags_a_call_inside_a_plpgsql_body_that_parses() =>
        LintAssert.Flags(
            "YB3007",
            """
            CREATE FUNCTION has_total(doc jsonb) RETURNS boolean LANGUAGE plpgsql AS $$
            BEGIN
              IF [|json_exists|](doc, '$.total') THEN
                RETURN true;
              END IF;
              RETURN false;
            END $$;
            """);

    [Fact]
    public void Flags_sql_json_syntax_inside_bodies_that_do_not_parse()
    {
        LintAssert.Flags(
            "YB3007",
            """
            CREATE FUNCTION is_doc(doc text) RETURNS boolean LANGUAGE plpgsql AS $$
            BEGIN
              RETURN doc [|IS JSON|] AND [|json_array|](1) IS NOT NULL;
            END $$;
            DO $$ BEGIN PERFORM [|JSON_OBJECT|]('a' : 1); END $$;
            CREATE FUNCTION pairs() RETURNS json LANGUAGE sql AS $$ SELECT [|JSON_OBJECTAGG|](k VALUE v) FROM kv $$;
            """);
    }

    [Fact]
    public void Does_not_flag_postgresql_json_functions_or_strings() =>
        LintAssert.Clean(
            "YB3007",
            """
            SELECT json_object('{a,1,b,2}'), json_object('{a,b}', '{1,2}'), json_build_object('a', 1), json_agg(x), 'x IS JSON' FROM t;
            CREATE FUNCTION wrap(v text) RETURNS json LANGUAGE plpgsql AS $$ BEGIN RETURN json_object(ARRAY['v', v]); END $$;
            """);

    [Fact]
    public void Leaves_an_unrelated_syntax_error_to_the_engine()
    {
        var findings = LintAssert.Lint("SELECT json_array(1) FROM WHERE;").Findings;
        Assert.DoesNotContain(findings, f => f.Rule.Id == "YB3007");
        Assert.Single(findings, f => f.Rule.Id == "YB0001");
    }
}
