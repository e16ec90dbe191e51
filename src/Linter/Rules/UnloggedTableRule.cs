using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Rules;

/// <summary>YB1002: CREATE UNLOGGED TABLE.</summary>
public sealed class UnloggedTableRule : SqlRule
{
    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB1002",
        "Unlogged table",
        Severity.Error,
        RuleCategory.UnsupportedFeature,
        Availability.Fixed("2.25", "2024.2"),
        "UNLOGGED tables are not supported by this YugabyteDB version: remove the UNLOGGED keyword (every YugabyteDB table is replicated anyway)",
        new RuleDocs(
            "`CREATE UNLOGGED TABLE`, and `CREATE UNLOGGED TABLE ... AS`.",
            "Before 2024.2 (stable) and 2.25 (preview) YugabyteDB rejects the UNLOGGED keyword. YugabyteDB writes every table through its replicated storage, so UNLOGGED would not make it faster anyway.",
            "Remove the UNLOGGED keyword; the automatic fix does exactly that.",
            "CREATE UNLOGGED TABLE session_cache (id bigint PRIMARY KEY, payload text);",
            "CREATE TABLE session_cache (id bigint PRIMARY KEY, payload text);"),
        hasFix: true);

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterNodeAction(Analyze, "CreateStmt", "CreateTableAsStmt");

    private static void Analyze(NodeContext context)
    {
        var relation = context.Kind == "CreateStmt" ? context.Node.Field("relation") : context.Node.Field("into").Field("rel");
        if (relation.Str("relpersistence") != "u")
        {
            return;
        }

        var statement = context.Statement;
        var keyword = statement.FindToken(TokenKind.UNLOGGED);
        if (keyword < 0)
        {
            context.ReportAt(relation.Location());
            return;
        }

        context.ReportWithFix(statement.Tokens[keyword].Span, statement.DeleteTokens("Remove UNLOGGED", keyword, keyword));
    }
}
