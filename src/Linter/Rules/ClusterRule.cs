using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Rules;

/// <summary>YB1006: <c>CLUSTER</c>, <c>ALTER TABLE .. CLUSTER ON</c> and <c>ALTER TABLE .. SET WITHOUT CLUSTER</c>.</summary>
public sealed class ClusterRule : SqlRule
{
    private static readonly TokenKind[] ClusterOn = { TokenKind.CLUSTER, TokenKind.ON };
    private static readonly TokenKind[] SetWithoutCluster = { TokenKind.SET, TokenKind.WITHOUT, TokenKind.CLUSTER };

    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB1006",
        "CLUSTER",
        Severity.Error,
        RuleCategory.UnsupportedFeature,
        Availability.Never,
        "{0} is not supported by YugabyteDB: remove the statement (rows are already kept in primary-key order)",
        new RuleDocs(
            "The `CLUSTER` command, `ALTER TABLE ... CLUSTER ON index` and `ALTER TABLE ... SET WITHOUT CLUSTER`, as found in dumps of PostgreSQL databases whose tables were clustered.",
            "CLUSTER rewrites a PostgreSQL heap in the order of an index. YugabyteDB has no heap: a table's rows are stored sorted by its primary key, and a secondary index is a separate distributed table. YugabyteDB rejects these statements.",
            "Remove the statement; the automatic fix does so when the ALTER TABLE holds nothing else. If the physical order mattered, make the clustering columns the leading (range-sharded, ASC/DESC) columns of the primary key.",
            "ALTER TABLE orders CLUSTER ON orders_created_idx;\nCLUSTER orders;",
            "-- (statements removed)"),
        hasFix: true);

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration)
    {
        registration.RegisterNodeAction(ClusterStatement, "ClusterStmt");
        registration.RegisterNodeAction(AlterTable, "AlterTableStmt");
    }

    private static void ClusterStatement(NodeContext context)
    {
        var statement = context.Statement;
        var keyword = statement.FindPhrase(0, TokenKind.CLUSTER);
        var span = keyword < 0 ? statement.TokenSpanAt(-1) : statement.Tokens[keyword].Span;
        context.ReportWithFix(span, statement.RemoveStatement("Remove the CLUSTER statement"), "CLUSTER");
    }

    private static void AlterTable(NodeContext context)
    {
        if (!DdlSyntax.HasCommand(context.Node, "AT_ClusterOn", "AT_DropCluster"))
        {
            return;
        }

        var statement = context.Statement;
        foreach (var (_, subtype, occurrence) in DdlSyntax.Commands(context.Node))
        {
            var phrase = subtype switch
            {
                "AT_ClusterOn" => ClusterOn,
                "AT_DropCluster" => SetWithoutCluster,
                _ => null,
            };
            if (phrase is null)
            {
                continue;
            }

            var start = statement.FindPhrase(occurrence, phrase);
            var span = start < 0 ? statement.TokenSpanAt(-1) : statement.SpanOfTokens(start, statement.PhraseEnd(start, phrase.Length));
            var fix = DdlSyntax.HasSingleCommand(context.Node) ? statement.RemoveStatement("Remove the statement") : null;
            context.ReportWithFix(span, fix, phrase == ClusterOn ? "ALTER TABLE ... CLUSTER ON" : "ALTER TABLE ... SET WITHOUT CLUSTER");
        }
    }
}
