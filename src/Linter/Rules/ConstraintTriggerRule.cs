using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Rules;

/// <summary>YB1013: <c>CREATE CONSTRAINT TRIGGER</c>.</summary>
public sealed class ConstraintTriggerRule : SqlRule
{
    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB1013",
        "Constraint trigger",
        Severity.Error,
        RuleCategory.UnsupportedFeature,
        Availability.Never,
        "Constraint trigger \"{0}\" is not supported by YugabyteDB: use an ordinary AFTER ... FOR EACH ROW trigger (it cannot be deferred)",
        new RuleDocs(
            "`CREATE CONSTRAINT TRIGGER`, a row trigger whose firing can be deferred to the end of the transaction.",
            "YugabyteDB does not implement constraint triggers, so the statement fails and the check it performed is lost.",
            "Create an ordinary `AFTER ... FOR EACH ROW` trigger with the same function: it fires at the end of each statement instead of at commit. If the check must see the whole transaction's work, move it into the application or into a function called before commit.",
            "CREATE CONSTRAINT TRIGGER check_balance AFTER INSERT OR UPDATE ON ledger\n  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION check_balance();",
            "CREATE TRIGGER check_balance AFTER INSERT OR UPDATE ON ledger\n  FOR EACH ROW EXECUTE FUNCTION check_balance();"));

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterNodeAction(Analyze, "CreateTrigStmt");

    private static void Analyze(NodeContext context)
    {
        if (!context.Node.Bool("isconstraint"))
        {
            return;
        }

        var statement = context.Statement;
        var keyword = statement.FindToken(TokenKind.CONSTRAINT, statement.TokenIndexAt(statement.Span.Start));
        var span = keyword < 0 ? statement.TokenSpanAt(-1) : statement.Tokens[keyword].Span;
        context.Report(span, context.Node.Str("trigname") ?? string.Empty);
    }
}
