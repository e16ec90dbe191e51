using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Rules;

/// <summary>YB1042: <c>ALTER TYPE .. DROP ATTRIBUTE</c>.</summary>
public sealed class AlterTypeDropAttributeRule : SqlRule
{
    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB1042",
        "ALTER TYPE DROP ATTRIBUTE",
        Severity.Error,
        RuleCategory.UnsupportedFeature,
        Availability.Never,
        "ALTER TYPE .. DROP ATTRIBUTE \"{0}\" is not supported by YugabyteDB: create the composite type again without the attribute",
        new RuleDocs(
            "The `DROP ATTRIBUTE [IF EXISTS] name` sub-command of `ALTER TYPE` on a composite type. ADD ATTRIBUTE, RENAME ATTRIBUTE and `ALTER TYPE .. ADD VALUE` on enums are not reported.",
            "YugabyteDB does not support removing an attribute from an existing composite type: the statement fails.",
            "Create a new type without the attribute, switch the columns and functions that use the old type to it, and drop the old type; when nothing uses the type yet, drop and re-create it.",
            "ALTER TYPE address DROP ATTRIBUTE fax;",
            "CREATE TYPE address_v2 AS (street text, city text, zip text);\nALTER TABLE customers ALTER COLUMN home TYPE address_v2 USING ROW((home).street, (home).city, (home).zip)::address_v2;\nDROP TYPE address;"));

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterNodeAction(Analyze, "AlterTableStmt");

    private static void Analyze(NodeContext context)
    {
        if (context.Node.Str("objtype") != "OBJECT_TYPE")
        {
            return;
        }

        var clauses = OlderDdlSyntax.CommandClauses(context.Statement, context.Node, "AT_DropColumn", TokenKind.DROP, TokenKind.ATTRIBUTE);
        foreach (var (command, span) in clauses)
        {
            context.Report(span, command.Str("name") ?? string.Empty);
        }
    }
}
