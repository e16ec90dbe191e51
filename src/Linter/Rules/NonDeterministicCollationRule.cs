using System.Linq;
using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;

namespace YbMigrate.Linter.Rules;

/// <summary>YB1024: a non-deterministic collation (CREATE COLLATION ... deterministic = false).</summary>
public sealed class NonDeterministicCollationRule : SqlRule
{
    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB1024",
        "Non-deterministic collation",
        Severity.Error,
        RuleCategory.UnsupportedFeature,
        Availability.Never,
        "Non-deterministic collations are not supported by YugabyteDB: compare normalized values instead (e.g. lower() or an expression index), or use citext for case-insensitive text",
        new RuleDocs(
            "`CREATE COLLATION name (..., deterministic = false)` (any spelling of false: off, no, 0).",
            "A non-deterministic collation makes strings that differ in bytes compare equal (case- or accent-insensitive matching). YugabyteDB's storage compares keys by their encoded bytes, so it supports no such collation in any version; the statement fails, and so does every column or index that uses the collation.",
            "Compare normalized values: store or index `lower(col)` (or an unaccented form) and query with the same expression, or use the citext type for case-insensitive text (it cannot be a key column on YugabyteDB, see YB2003).",
            "CREATE COLLATION ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);\nCREATE TABLE users (email text COLLATE ci UNIQUE);",
            "CREATE TABLE users (email text);\nCREATE UNIQUE INDEX users_email_key ON users (lower(email));"));

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterNodeAction(Analyze, "DefineStmt");

    private static void Analyze(NodeContext context)
    {
        if (context.Node.Str("kind") != "OBJECT_COLLATION")
        {
            return;
        }

        foreach (var option in OptionValues.Named(context.Node, "definition", "deterministic").Where(o => OptionValues.AsBoolean(o) == false))
        {
            context.Report(OptionValues.Span(context.Statement, option));
        }
    }
}
