using System;
using System.Linq;
using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Rules;

/// <summary>YB1011: a GIN index key with a sort order (ASC, DESC, NULLS FIRST/LAST) or YugabyteDB's HASH.</summary>
public sealed class GinIndexOrderingRule : SqlRule
{
    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB1011",
        "Ordering on a GIN index key",
        Severity.Error,
        RuleCategory.UnsupportedFeature,
        Availability.Never,
        "GIN index keys cannot have an ordering ({0}) in YugabyteDB: remove it",
        new RuleDocs(
            "A key of a GIN (`gin` or `ybgin`) index written with `ASC`, `DESC`, `NULLS FIRST`, `NULLS LAST`, or YugabyteDB's `HASH`.",
            "A GIN index stores the elements extracted from each value (words, array items, jsonb keys), not the value itself, so ordering or hash-sharding the key has no meaning; YugabyteDB rejects the index.",
            "Remove the ordering keywords from the GIN key.",
            "CREATE INDEX docs_tags_idx ON docs USING gin (tags DESC);",
            "CREATE INDEX docs_tags_idx ON docs USING gin (tags);"));

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterNodeAction(Analyze, "IndexStmt");

    private static void Analyze(NodeContext context)
    {
        var statement = context.Statement;
        if (!DdlSyntax.IsGinIndex(context.Node) || !statement.TryFindIndexKeyList(context.Node, out var open, out var close))
        {
            return;
        }

        var keys = context.Node.Items("indexParams").ToList();
        var items = statement.ListItems(open, close);
        for (var i = 0; i < keys.Count && i < items.Count; i++)
        {
            if (keys[i].Is("IndexElem", out var key) && HasOrdering(key))
            {
                var first = OrderingStart(statement, items[i].First, items[i].Last);
                var span = first < 0 ? statement.SpanOfTokens(items[i].First, items[i].Last) : statement.SpanOfTokens(first, items[i].Last);
                context.Report(span, statement.Source.Text.Substring(span.Start, span.Length));
            }
        }
    }

    // YugabyteDB's "col HASH" reaches the PostgreSQL parser as an operator class named hash: GIN has none.
    private static bool HasOrdering(ParseElement key) =>
        key.Str("ordering") is not (null or "SORTBY_DEFAULT")
        || key.Str("nulls_ordering") is not (null or "SORTBY_NULLS_DEFAULT")
        || key.Names("opclass") is { Count: 1 } opclass && string.Equals(opclass[0], "hash", StringComparison.Ordinal);

    // The first ordering keyword of a key, outside any parentheses of the key expression.
    private static int OrderingStart(StatementContext statement, int first, int last)
    {
        var depth = 0;
        for (var i = first; i >= 0 && i <= last; i = statement.NextToken(i))
        {
            var token = statement.Tokens[i];
            depth += token.Kind == TokenKind.ASCII_40 ? 1 : token.Kind == TokenKind.ASCII_41 ? -1 : 0;
            if (depth == 0 && i > first && IsOrderingKeyword(token))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsOrderingKeyword(SourceToken token) =>
        token.Kind is TokenKind.ASC or TokenKind.DESC or TokenKind.NULLS_P or TokenKind.NULLS_LA
        || (token.Kind == TokenKind.IDENT && string.Equals(token.Text, "hash", StringComparison.OrdinalIgnoreCase));
}
