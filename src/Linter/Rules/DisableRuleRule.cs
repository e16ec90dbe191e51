using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Rules;

/// <summary>YB1007: <c>ALTER TABLE .. DISABLE RULE</c>.</summary>
public sealed class DisableRuleRule : SqlRule
{
    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB1007",
        "ALTER TABLE ... DISABLE RULE",
        Severity.Error,
        RuleCategory.UnsupportedFeature,
        Availability.Never,
        "Disabling rule \"{0}\" with ALTER TABLE ... DISABLE RULE is not supported by YugabyteDB: drop the rule, or recreate it only where it should apply",
        new RuleDocs(
            "`ALTER TABLE ... DISABLE RULE name`, which keeps a rewrite rule defined but stops it from firing.",
            "YugabyteDB does not support switching a rule off: the statement fails, and the rule keeps firing.",
            "If the rule should never fire on the target, drop it (`DROP RULE name ON table`) or leave its CREATE RULE out of the migrated schema. If it is disabled only temporarily (e.g. during a load), drop it before and recreate it after.",
            "ALTER TABLE orders DISABLE RULE orders_archive_rule;",
            "DROP RULE orders_archive_rule ON orders;"));

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterNodeAction(Analyze, "AlterTableStmt");

    private static void Analyze(NodeContext context)
    {
        if (!DdlSyntax.HasCommand(context.Node, "AT_DisableRule"))
        {
            return;
        }

        var statement = context.Statement;
        foreach (var (command, subtype, occurrence) in DdlSyntax.Commands(context.Node))
        {
            if (subtype != "AT_DisableRule")
            {
                continue;
            }

            var start = statement.FindPhrase(occurrence, TokenKind.DISABLE_P, TokenKind.RULE);
            var span = start < 0 ? statement.TokenSpanAt(-1) : statement.SpanOfTokens(start, statement.PhraseEnd(start, 2));
            context.Report(span, command.Str("name") ?? string.Empty);
        }
    }
}
