using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;

namespace YbMigrate.Linter.Rules;

/// <summary>YB3004: regexp_count, regexp_instr and regexp_like (new in PostgreSQL 15).</summary>
public sealed class RegexpCountInstrLikeRule : SqlRule
{
    private static readonly string[] Functions = { "regexp_count", "regexp_instr", "regexp_like" };

    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB3004",
        "regexp_count / regexp_instr / regexp_like",
        Severity.Error,
        RuleCategory.UnsupportedFeature,
        Availability.Fixed("2.25", "2025.1"),
        "{0}() does not exist in this YugabyteDB version: rewrite it with regexp_matches / the ~ operator, or target 2.25 / 2025.1 or later",
        new RuleDocs(
            "Calls of `regexp_count`, `regexp_instr` and `regexp_like`, the regular-expression functions PostgreSQL 15 added.",
            "YugabyteDB releases before 2.25 and 2025.1 are built on PostgreSQL 11, which does not have these functions: the statement fails with an unknown-function error. (A schema that defines its own function of the same name is not flagged; note that orafce also ships Oracle-style versions in its `oracle` schema.)",
            "Target 2.25 / 2025.1 or later, or rewrite: `regexp_like(s, p)` is `s ~ p` (`s ~* p` with the 'i' flag), `regexp_count(s, p)` is `(SELECT count(*) FROM regexp_matches(s, p, 'g'))`.",
            "SELECT id FROM users WHERE regexp_like(email, '@example\\.com$');",
            "SELECT id FROM users WHERE email ~ '@example\\.com$';"));

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration) => BuiltinFunctionCalls.Register(registration, Functions);
}
