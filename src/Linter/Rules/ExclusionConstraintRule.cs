using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Rules;

/// <summary>YB1008: an exclusion constraint (<c>EXCLUDE USING ...</c>).</summary>
public sealed class ExclusionConstraintRule : SqlRule
{
    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB1008",
        "Exclusion constraint",
        Severity.Error,
        RuleCategory.UnsupportedFeature,
        Availability.Never,
        "Exclusion constraints (EXCLUDE USING {0}) are not supported by YugabyteDB: enforce the rule in the application or in a trigger",
        new RuleDocs(
            "An `EXCLUDE [USING method] (...)` constraint, in CREATE TABLE or added with ALTER TABLE ... ADD CONSTRAINT.",
            "An exclusion constraint needs an index that can test operators such as `&&` between rows (usually GiST). YugabyteDB has no such index and rejects the constraint, so the table or the ALTER TABLE fails.",
            "Remove the constraint and enforce it elsewhere: in a BEFORE INSERT OR UPDATE trigger that looks for a conflicting row (under SERIALIZABLE isolation, or with a lock on a parent row to serialize writers), or in the application. When the operator is plain equality, a UNIQUE constraint does the same job.",
            "CREATE TABLE bookings (\n  room int,\n  during tsrange,\n  EXCLUDE USING gist (room WITH =, during WITH &&)\n);",
            "CREATE TABLE bookings (room int, during tsrange);\n-- overlap check moved to a BEFORE INSERT OR UPDATE trigger on bookings"));

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterNodeAction(Analyze, "Constraint");

    private static void Analyze(NodeContext context)
    {
        if (context.Node.Str("contype") != "CONSTR_EXCLUSION")
        {
            return;
        }

        var statement = context.Statement;
        var keyword = statement.FindToken(TokenKind.EXCLUDE, statement.TokenIndexAtLocation(context.Node.Location()));
        var span = keyword < 0 ? statement.TokenSpanAt(context.Node.Location()) : statement.Tokens[keyword].Span;
        context.Report(span, context.Node.Str("access_method") ?? "btree");
    }
}
