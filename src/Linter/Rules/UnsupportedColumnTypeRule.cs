using System.Collections.Generic;
using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;

namespace YbMigrate.Linter.Rules;

/// <summary>YB2001: a column, composite attribute or domain of a type YugabyteDB does not have.</summary>
public sealed class UnsupportedColumnTypeRule : SqlRule
{
    private const string PostGisAdvice = "PostGIS is not available, so store the shape as WKB in bytea or WKT in text (or coordinates in numeric columns) and do spatial work in the application";

    // Built-in types are only these when unqualified or in pg_catalog; extension types may live in any schema.
    private static readonly Dictionary<string, string> BuiltInTypes = new()
    {
        ["xml"] = "store the document as text and parse it in the application",
        ["xid"] = "store the value as bigint",
        ["txid_snapshot"] = "store the value as text",
        ["pg_lsn"] = "store the value as text (or as bigint)",
    };

    private static readonly Dictionary<string, string> ExtensionTypes = new()
    {
        ["lo"] = "large objects are not supported: store the content in a bytea column (or in object storage, keeping its address)",
        ["geometry"] = PostGisAdvice,
        ["geography"] = PostGisAdvice,
        ["box2d"] = PostGisAdvice,
        ["box3d"] = PostGisAdvice,
        ["topogeometry"] = PostGisAdvice,
        ["raster"] = PostGisAdvice,
    };

    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB2001",
        "Unsupported column type",
        Severity.Error,
        RuleCategory.UnsupportedDatatype,
        Availability.Never,
        "The {0} has type {1}, which YugabyteDB does not support: {2}",
        new RuleDocs(
            "Columns (CREATE TABLE, ALTER TABLE .. ADD COLUMN, ALTER COLUMN .. TYPE), composite type attributes and domains declared with type xml, xid, txid_snapshot, pg_lsn, lo (large object), or a PostGIS type (geometry, geography, box2d, box3d, topogeometry, raster), schema-qualified or not, and arrays of them.",
            "YugabyteDB does not implement these types: xml and the transaction-id / WAL-position types of PostgreSQL's single-node storage are missing, large objects are not supported, and PostGIS cannot be installed. The DDL fails, and so does everything that depends on the table.",
            "Choose a supported type for the data: text for xml (validated by the application), bigint or text for xid, txid_snapshot and pg_lsn values, bytea for large-object content, and WKB (bytea), WKT (text) or coordinate columns for spatial data, with the spatial computations moved to the application.",
            "CREATE TABLE shops (id bigint PRIMARY KEY, location geometry(Point, 4326), catalog xml);",
            "CREATE TABLE shops (id bigint PRIMARY KEY, latitude double precision, longitude double precision, catalog text);"));

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterNodeAction(Analyze, DeclaredColumnTypes.NodeKinds);

    private static void Analyze(NodeContext context)
    {
        if (!DeclaredColumnTypes.TryRead(context, out var declared))
        {
            return;
        }

        var type = declared.Type;
        var builtIn = type.Schema is null or "pg_catalog";
        if ((builtIn && BuiltInTypes.TryGetValue(type.Name, out var advice)) || ExtensionTypes.TryGetValue(type.Name, out advice))
        {
            context.Report(declared.Span, declared.Owner, type.ToString(), advice);
        }
    }
}
