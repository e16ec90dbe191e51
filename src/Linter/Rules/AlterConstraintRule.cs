using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Rules;

/// <summary>YB1040: <c>ALTER TABLE .. ALTER CONSTRAINT ..</c>.</summary>
public sealed class AlterConstraintRule : SqlRule
{
    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB1040",
        "ALTER TABLE ALTER CONSTRAINT",
        Severity.Error,
        RuleCategory.UnsupportedFeature,
        Availability.Never,
        "ALTER CONSTRAINT \"{0}\" is not supported by YugabyteDB: drop the constraint and add it again with the wanted DEFERRABLE / INITIALLY setting",
        new RuleDocs(
            "The `ALTER CONSTRAINT name [NOT] DEFERRABLE [INITIALLY DEFERRED | IMMEDIATE]` sub-command of `ALTER TABLE`. Adding, dropping, validating or renaming constraints is not reported.",
            "ALTER CONSTRAINT changes when a foreign key is checked. YugabyteDB does not support altering an existing constraint, so the statement fails.",
            "Drop the constraint and add it again with the wanted settings (adding it checks the existing rows again). Better still, declare it with those settings in the first place, in the CREATE TABLE or ADD CONSTRAINT that creates it.",
            "ALTER TABLE order_lines ALTER CONSTRAINT order_lines_order_fk DEFERRABLE INITIALLY DEFERRED;",
            "ALTER TABLE order_lines DROP CONSTRAINT order_lines_order_fk;\nALTER TABLE order_lines ADD CONSTRAINT order_lines_order_fk FOREIGN KEY (order_id) REFERENCES orders (id) DEFERRABLE INITIALLY DEFERRED;"));

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterNodeAction(Analyze, "AlterTableStmt");

    private static void Analyze(NodeContext context)
    {
        var clauses = OlderDdlSyntax.CommandClauses(context.Statement, context.Node, "AT_AlterConstraint", TokenKind.ALTER, TokenKind.CONSTRAINT);
        foreach (var (command, span) in clauses)
        {
            context.Report(span, command.Field("def").Field("Constraint").Str("conname") ?? string.Empty);
        }
    }
}
