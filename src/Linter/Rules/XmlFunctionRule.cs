using System.Collections.Generic;
using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Rules;

/// <summary>YB3003: XML functions and XML syntax (XMLELEMENT, XMLTABLE, xpath, table_to_xml, IS DOCUMENT, ...).</summary>
public sealed class XmlFunctionRule : SqlRule
{
    // Plain function calls; XMLEXISTS also arrives as a call of pg_catalog.xmlexists.
    private static readonly string[] Functions =
    {
        "xmlagg", "xmlcomment", "xmltext", "xmlexists", "xpath", "xpath_exists",
        "xml_is_well_formed", "xml_is_well_formed_document", "xml_is_well_formed_content", "texttoxml",
        "table_to_xml", "table_to_xmlschema", "table_to_xml_and_xmlschema",
        "query_to_xml", "query_to_xmlschema", "query_to_xml_and_xmlschema",
        "cursor_to_xml", "cursor_to_xmlschema",
        "schema_to_xml", "schema_to_xmlschema", "schema_to_xml_and_xmlschema",
        "database_to_xml", "database_to_xmlschema", "database_to_xml_and_xmlschema",
    };

    // The SQL/XML constructs the grammar turns into XmlExpr nodes.
    private static readonly Dictionary<string, string> Expressions = new()
    {
        ["IS_XMLCONCAT"] = "xmlconcat",
        ["IS_XMLELEMENT"] = "xmlelement",
        ["IS_XMLFOREST"] = "xmlforest",
        ["IS_XMLPARSE"] = "xmlparse",
        ["IS_XMLPI"] = "xmlpi",
        ["IS_XMLROOT"] = "xmlroot",
        ["IS_XMLSERIALIZE"] = "xmlserialize",
        ["IS_DOCUMENT"] = "IS DOCUMENT",
    };

    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB3003",
        "XML function",
        Severity.Error,
        RuleCategory.UnsupportedFeature,
        Availability.Never,
        "XML function {0} is not supported by YugabyteDB: build or parse the document in the application, or use JSON (jsonb) instead",
        new RuleDocs(
            "The XML functions and SQL/XML syntax: `xmlelement`, `xmlattributes` lists, `xmlforest`, `xmlconcat`, `xmlpi`, `xmlroot`, `xmlparse`, `xmlserialize`, `xmlcomment`, `xmlagg`, `xmlexists`, `IS DOCUMENT`, `XMLTABLE`, `xpath`, `xpath_exists`, `xml_is_well_formed*`, and the mapping functions `table_to_xml`, `query_to_xml`, `cursor_to_xml`, `schema_to_xml`, `database_to_xml` with their `*xmlschema` forms.",
            "YugabyteDB is built without XML support (no libxml), so these functions and the xml type are not available: the statement fails.",
            "Produce or consume XML in the application, or store and query the data as jsonb (`jsonb_build_object`, `jsonb_agg`, `jsonb_path_query`, `jsonb_to_recordset` cover most uses of `xmlelement`, `xmlagg`, `xpath` and `XMLTABLE`).",
            "SELECT xmlelement(name customer, xmlattributes(id AS id), name) FROM customers;",
            "SELECT jsonb_build_object('customer', jsonb_build_object('id', id, 'name', name)) FROM customers;"));

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration)
    {
        BuiltinFunctionCalls.Register(registration, Functions);
        registration.RegisterNodeAction(Expression, "XmlExpr");
        registration.RegisterNodeAction(context => context.ReportAt(context.Node.Location(), "xmlserialize"), "XmlSerialize");
        registration.RegisterNodeAction(Table, "RangeTableFunc");
    }

    private static void Expression(NodeContext context)
    {
        var op = context.Node.Str("op");
        if (op is null || !Expressions.TryGetValue(op, out var name))
        {
            return;
        }

        var statement = context.Statement;
        if (op != "IS_DOCUMENT")
        {
            context.ReportAt(context.Node.Location(), name);
            return;
        }

        // x IS [NOT] DOCUMENT: the location is IS; report through DOCUMENT.
        var first = statement.TokenIndexAt(statement.ToSourceOffset(context.Node.Location()));
        var last = first < 0 ? -1 : statement.FindToken(TokenKind.DOCUMENT_P, first);
        context.Report(last < 0 ? statement.TokenSpanAt(context.Node.Location()) : statement.SpanOfTokens(first, last), name);
    }

    // RangeTableFunc is XMLTABLE; its location is the keyword.
    private static void Table(NodeContext context) => context.ReportAt(context.Node.Location(), "XMLTABLE");
}
