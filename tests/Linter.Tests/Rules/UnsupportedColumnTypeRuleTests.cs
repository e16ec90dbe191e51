namespace YbMigrate.Linter.Tests.Rules;

public class UnsupportedColumnTypeRuleTests
{
    [Fact]
    public void Flags_unsupported_types_in_create_table_qualified_or_not_and_arrays()
    {
        var findings = LintAssert.Flags(
            "YB2001",
            """
            CREATE TABLE shops (
                id bigint PRIMARY KEY,
                location [|public.geometry|](Point, 4326),
                area [|GEOGRAPHY|],
                catalog [|xml|],
                history [|pg_catalog.xml|][],
                snap [|txid_snapshot|],
                pos [|pg_lsn|],
                tx [|xid|] ARRAY,
                doc [|lo|],
                extent [|box2d|], volume [|box3d|], topo [|topology.topogeometry|], img [|raster|]
            );
            """);
        Assert.Contains("column \"location\" has type public.geometry", findings[0].Message);
        Assert.Contains("xml[]", findings[3].Message);
    }

    [Fact]
    public void Flags_alter_table_composite_attributes_domains_and_foreign_tables()
    {
        var findings = LintAssert.Flags(
            "YB2001",
            """
            ALTER TABLE shops ADD COLUMN catalog [|xml|], ALTER COLUMN pos TYPE [|pg_lsn|] USING pos::text::pg_lsn;
            CREATE TYPE feed AS (title text, body [|xml|]);
            ALTER TYPE feed ADD ATTRIBUTE shape [|geometry|];
            CREATE DOMAIN checked_xml AS [|xml|] CHECK (VALUE IS DOCUMENT);
            CREATE FOREIGN TABLE remote_docs (id int, body [|xml|]) SERVER legacy;
            CREATE FUNCTION make() RETURNS void LANGUAGE sql AS $$ CREATE TABLE made (doc [|xml|]) $$;
            """);
        Assert.Contains("column \"pos\"", findings[1].Message);
        Assert.Contains("attribute \"body\"", findings[2].Message);
        Assert.Contains("attribute \"shape\"", findings[3].Message);
        Assert.Contains("domain \"checked_xml\"", findings[4].Message);
    }

    [Fact]
    public void Does_not_flag_supported_types_query_column_lists_or_user_types_named_alike() =>
        LintAssert.Clean(
            "YB2001",
            """
            CREATE TABLE shops (id bigint PRIMARY KEY, catalog text, location point, xml_body text, area box, ids int[]);
            ALTER TABLE shops ADD COLUMN extra jsonb, ALTER COLUMN catalog TYPE varchar(200);
            CREATE TYPE feed AS (title text, body text);
            CREATE DOMAIN short_text AS text CHECK (length(VALUE) < 100);
            CREATE TABLE docs (body app.xml);
            SELECT * FROM xpath_rows() AS r(doc xml);
            """);
}
