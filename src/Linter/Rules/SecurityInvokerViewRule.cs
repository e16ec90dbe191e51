using System.Collections.Generic;
using System.Linq;
using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Rules;

/// <summary>YB1022: a view with security_invoker = true.</summary>
public sealed class SecurityInvokerViewRule : SqlRule
{
    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB1022",
        "Security invoker view",
        Severity.Error,
        RuleCategory.UnsupportedFeature,
        Availability.Fixed("2.25", "2025.1"),
        "The view option security_invoker is not supported by this YugabyteDB version: remove it and grant the view's owner only the access its users should have, or enforce row security in the view's query",
        new RuleDocs(
            "`CREATE VIEW ... WITH (security_invoker = true)` and `ALTER VIEW ... SET (security_invoker = true)`, with any spelling of true (on, yes, 1, or the option alone). `security_invoker = false` (the default) and other view options such as security_barrier are not reported.",
            "security_invoker (PostgreSQL 15) makes a view check permissions and row-level security policies as the querying user instead of the view's owner. YugabyteDB versions before 2.25 / 2025.1 are based on PostgreSQL 11 and reject the option.",
            "Upgrade to YugabyteDB 2.25 / 2025.1 or later. Otherwise remove the option; the view then runs with its owner's rights, so give it an owner with no more privileges than its users, or filter rows in the view itself (e.g. on current_user).",
            "CREATE VIEW my_orders WITH (security_invoker = true) AS SELECT * FROM orders;",
            "CREATE VIEW my_orders AS SELECT * FROM orders WHERE owner = current_user;"));

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration)
    {
        registration.RegisterNodeAction(context => Check(context, context.Node.DefElems("options")), "ViewStmt");
        registration.RegisterNodeAction(AlterView, "AlterTableStmt");
    }

    private static void AlterView(NodeContext context)
    {
        if (context.Node.Str("objtype") != "OBJECT_VIEW")
        {
            return;
        }

        var options = context.Node.Items("cmds")
            .Where(item => item.Is("AlterTableCmd", out var command) && command.Str("subtype") == "AT_SetRelOptions")
            .SelectMany(item => item.Field("AlterTableCmd").Field("def").Field("List").DefElems("items"));
        Check(context, options);
    }

    private static void Check(NodeContext context, IEnumerable<ParseElement> options)
    {
        foreach (var option in options.Where(o => o.Str("defname") == "security_invoker" && OptionValues.AsBoolean(o) == true))
        {
            context.Report(OptionValues.Span(context.Statement, option));
        }
    }
}
