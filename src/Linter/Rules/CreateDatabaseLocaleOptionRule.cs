using System;
using System.Linq;
using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;

namespace YbMigrate.Linter.Rules;

/// <summary>YB1029: CREATE DATABASE with a locale provider, ICU, strategy, collation version or OID option.</summary>
public sealed class CreateDatabaseLocaleOptionRule : SqlRule
{
    private static readonly string[] Unsupported =
    {
        "locale_provider", "icu_locale", "locale", "strategy", "collation_version", "oid", "builtin_locale", "icu_rules",
    };

    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB1029",
        "CREATE DATABASE option not supported",
        Severity.Error,
        RuleCategory.UnsupportedFeature,
        Availability.Never,
        "CREATE DATABASE option {0} is not supported by YugabyteDB: remove it (set LC_COLLATE / LC_CTYPE instead of LOCALE)",
        new RuleDocs(
            "`CREATE DATABASE` with one of the options LOCALE_PROVIDER, ICU_LOCALE, LOCALE, STRATEGY, COLLATION_VERSION, OID, BUILTIN_LOCALE or ICU_RULES. ENCODING, TEMPLATE, OWNER, LC_COLLATE, LC_CTYPE, CONNECTION LIMIT and the other classic options are not reported.",
            "These options come from PostgreSQL 13 to 17 (ICU as the database's default collation provider, the WAL_LOG / FILE_COPY creation strategy, fixed OIDs as used by pg_upgrade, collation versioning). YugabyteDB's CREATE DATABASE does not accept them, so the statement fails.",
            "Remove the options. Write LOCALE 'x' as LC_COLLATE 'x' LC_CTYPE 'x'; an ICU default collation has no equivalent, so declare ICU collations with CREATE COLLATION and use them per column. The database's OID and creation strategy are chosen by YugabyteDB.",
            "CREATE DATABASE shop WITH ENCODING 'UTF8' LOCALE_PROVIDER icu ICU_LOCALE 'en-US' TEMPLATE template0;",
            "CREATE DATABASE shop WITH ENCODING 'UTF8' TEMPLATE template0;"));

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterNodeAction(Analyze, "CreatedbStmt");

    private static void Analyze(NodeContext context)
    {
        foreach (var option in context.Node.DefElems("options"))
        {
            var name = option.Str("defname") ?? string.Empty;
            if (Unsupported.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                context.Report(OptionValues.Span(context.Statement, option), name.ToUpperInvariant());
            }
        }
    }
}
