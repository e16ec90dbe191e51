using System.Linq;
using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Rules;

/// <summary>YB1014: a trigger with transition tables (<c>REFERENCING NEW TABLE / OLD TABLE</c>).</summary>
public sealed class TransitionTableTriggerRule : SqlRule
{
    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB1014",
        "Trigger with transition tables",
        Severity.Error,
        RuleCategory.UnsupportedFeature,
        Availability.Never,
        "Trigger \"{0}\" declares transition tables ({1}), which YugabyteDB does not support: use a FOR EACH ROW trigger that reads OLD and NEW instead",
        new RuleDocs(
            "`CREATE TRIGGER ... REFERENCING NEW TABLE AS ... / OLD TABLE AS ...`: a statement-level trigger that reads all the rows a statement changed as a table.",
            "YugabyteDB does not provide transition tables, so the trigger cannot be created.",
            "Rewrite the trigger as FOR EACH ROW, working on OLD and NEW one row at a time (e.g. an audit trigger inserts one audit row per changed row), and drop the REFERENCING clause.",
            "CREATE TRIGGER orders_audit AFTER UPDATE ON orders\n  REFERENCING OLD TABLE AS before_rows NEW TABLE AS after_rows\n  FOR EACH STATEMENT EXECUTE FUNCTION audit_orders();",
            "CREATE TRIGGER orders_audit AFTER UPDATE ON orders\n  FOR EACH ROW EXECUTE FUNCTION audit_orders_row();"));

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterNodeAction(Analyze, "CreateTrigStmt");

    private static void Analyze(NodeContext context)
    {
        var transitions = context.Node.Items("transitionRels")
            .Select(t => t.Is("TriggerTransition", out var transition) && transition.Bool("isTable") ? (transition.Bool("isNew") ? "NEW" : "OLD") + " TABLE " + transition.Str("name") : null)
            .Where(t => t is not null)
            .ToList();
        if (transitions.Count == 0)
        {
            return;
        }

        var statement = context.Statement;
        var keyword = statement.FindPhrase(0, TokenKind.REFERENCING);
        var span = keyword < 0 ? statement.TokenSpanAt(-1) : statement.Tokens[keyword].Span;
        context.Report(span, context.Node.Str("trigname") ?? string.Empty, string.Join(", ", transitions));
    }
}
