using System;
using System.Linq;
using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Rules;

/// <summary>YB1003: an index access method YugabyteDB does not have (gist, brin, spgist).</summary>
public sealed class UnsupportedIndexMethodRule : SqlRule
{
    private static readonly string[] Unsupported = { "gist", "brin", "spgist" };

    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB1003",
        "Unsupported index access method",
        Severity.Error,
        RuleCategory.UnsupportedFeature,
        Availability.Never,
        "Index method '{0}' is not supported by YugabyteDB: use the default (lsm) index, or gin (ybgin) for full-text and jsonb",
        new RuleDocs(
            "`CREATE INDEX ... USING gist | brin | spgist`, and EXCLUDE constraints' index method is covered by YB1008.",
            "YugabyteDB's storage is a distributed LSM tree; it provides the lsm access method (the default, hash or range sharded) and ybgin (what `USING gin` maps to). GiST, BRIN and SP-GiST indexes cannot be created.",
            "Drop the USING clause to get an lsm index when the column is orderable, use `USING gin` for full-text search, arrays and jsonb, or rethink the query (for geometric searches, an lsm index on a geohash column).",
            "CREATE INDEX events_period_idx ON events USING gist (period);",
            "CREATE INDEX events_period_idx ON events (lower(period), upper(period));"));

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterNodeAction(Analyze, "IndexStmt");

    private static void Analyze(NodeContext context)
    {
        var method = context.Node.Str("accessMethod");
        if (method is null || !Unsupported.Contains(method, StringComparer.OrdinalIgnoreCase))
        {
            return;
        }

        var statement = context.Statement;
        var methodToken = statement.NextToken(statement.FindToken(TokenKind.USING));
        context.Report(methodToken < 0 ? statement.TokenSpanAt(-1) : statement.Tokens[methodToken].Span, method);
    }
}
