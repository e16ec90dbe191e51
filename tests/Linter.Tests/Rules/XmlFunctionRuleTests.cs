namespace YbMigrate.Linter.Tests.Rules;

public class XmlFunctionRuleTests
{
    [Fact]
    public void Flags_xml_functions_and_sql_xml_syntax() =>
        LintAssert.Flags(
            "YB3003",
            """
            SELECT [|xmlelement|](name customer, xmlattributes(id AS id), [|XMLFOREST|](name, city)), [|xpath|]('/a', doc), [|xmlagg|](doc) FROM customers;
            SELECT [|xmlserialize|](content doc AS text), doc [|IS NOT DOCUMENT|], [|xmlexists|]('/a' PASSING doc), [|xmlparse|](document '<a/>') FROM docs;
            SELECT * FROM docs, LATERAL [|XMLTABLE|]('/rows/row' PASSING docs.doc COLUMNS id int PATH 'id') AS x;
            SELECT [|query_to_xml|]('select 1', true, false, ''), pg_catalog.[|xml_is_well_formed|]('<a/>');
            """);

    [Fact]
    public void Flags_an_xml_function_in_a_plpgsql_return() =>
        LintAssert.Flags(
            "YB3003",
            """
            CREATE FUNCTION first_title(doc text) RETURNS text LANGUAGE plpgsql AS $$
            BEGIN
              RETURN ([|xpath|]('/book/title/text()', doc::xml))[1]::text;
            END $$;
            """);

    [Fact]
    public void Does_not_flag_json_functions_strings_or_other_schemas() =>
        LintAssert.Clean(
            "YB3003",
            "SELECT jsonb_path_query(doc, '$.a'), 'xpath(x)', xml_data, util.xpath('a', b) FROM docs;");
}
