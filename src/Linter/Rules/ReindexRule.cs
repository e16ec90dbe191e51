using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Rules;

/// <summary>YB1034: REINDEX, in any form.</summary>
public sealed class ReindexRule : SqlRule
{
    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB1034",
        "REINDEX",
        Severity.Error,
        RuleCategory.UnsupportedFeature,
        Availability.Never,
        "REINDEX {0} is not supported by YugabyteDB: remove it (LSM indexes are compacted in the background and do not bloat), or drop and re-create an index that really must be rebuilt",
        new RuleDocs(
            "`REINDEX INDEX | TABLE | SCHEMA | DATABASE | SYSTEM`, with or without options and CONCURRENTLY.",
            "REINDEX rebuilds PostgreSQL B-tree files that have bloated or been corrupted. YugabyteDB indexes live in its distributed LSM storage, which compacts them in the background, and YugabyteDB rejects REINDEX. Maintenance scripts that run it fail.",
            "Remove the statement from migration and maintenance scripts. To rebuild an index anyway, drop it and create it again (CREATE INDEX builds it online by default in YugabyteDB).",
            "REINDEX TABLE orders;",
            "-- nothing to do on YugabyteDB, or:\nDROP INDEX orders_customer_idx;\nCREATE INDEX orders_customer_idx ON orders (customer_id);"));

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterNodeAction(Analyze, "ReindexStmt");

    private static void Analyze(NodeContext context)
    {
        var target = (context.Node.Str("kind") ?? "REINDEX_OBJECT_INDEX").Substring("REINDEX_OBJECT_".Length);
        context.Report(OlderDdlSyntax.SequenceSpan(context.Statement, 0, TokenKind.REINDEX), target);
    }
}
