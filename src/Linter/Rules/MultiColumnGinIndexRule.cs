using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;

namespace YbMigrate.Linter.Rules;

/// <summary>YB1010: a GIN index with more than one key column.</summary>
public sealed class MultiColumnGinIndexRule : SqlRule
{
    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB1010",
        "Multi-column GIN index",
        Severity.Error,
        RuleCategory.UnsupportedFeature,
        Availability.Never,
        "A GIN index on {0} keys is not supported by YugabyteDB: create one GIN index per column",
        new RuleDocs(
            "`CREATE INDEX ... USING gin` (or `ybgin`) with more than one key column or expression.",
            "YugabyteDB's GIN implementation (ybgin) indexes a single key; an index with several is rejected.",
            "Create a separate GIN index for each column. For a GIN key combined with scalar columns (btree_gin style), index the scalar columns in an ordinary index instead.",
            "CREATE INDEX docs_search_idx ON docs USING gin (title_tsv, body_tsv);",
            "CREATE INDEX docs_title_idx ON docs USING gin (title_tsv);\nCREATE INDEX docs_body_idx ON docs USING gin (body_tsv);"));

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterNodeAction(Analyze, "IndexStmt");

    private static void Analyze(NodeContext context)
    {
        var keyCount = context.Node.Field("indexParams").GetArrayLength();
        if (!DdlSyntax.IsGinIndex(context.Node) || keyCount < 2)
        {
            return;
        }

        var statement = context.Statement;
        var span = statement.TryFindIndexKeyList(context.Node, out var open, out var close)
            ? statement.SpanOfTokens(open, close)
            : statement.TokenSpanAt(context.Node.Field("relation").Location());
        context.Report(span, keyCount);
    }
}
