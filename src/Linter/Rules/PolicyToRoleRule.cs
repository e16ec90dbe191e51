using System;
using System.Collections.Generic;
using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Rules;

/// <summary>YB1012: a row-level security policy granted to a named role that the scripts do not create.</summary>
public sealed class PolicyToRoleRule : SqlRule
{
    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB1012",
        "Policy for a role that must exist on the target",
        Severity.Warning,
        RuleCategory.Caveat,
        Availability.Never,
        "Policy \"{0}\" applies to role \"{1}\", which these scripts do not create: create the role on the YugabyteDB cluster before this statement runs",
        new RuleDocs(
            "`CREATE POLICY ... TO role` and `ALTER POLICY ... TO role` naming a role other than PUBLIC, CURRENT_USER, CURRENT_ROLE or SESSION_USER, when no `CREATE ROLE` / `CREATE USER` for it appears in the linted sources.",
            "Roles belong to the cluster, not to the schema: a schema export does not carry them, and YugabyteDB refuses a policy that names a role it does not know, so the policy (and the protection it gives) is missing after the migration.",
            "Create the roles on the YugabyteDB cluster before loading the schema (e.g. from `pg_dumpall --roles-only` of the source), or add their CREATE ROLE statements to the migrated scripts.",
            "CREATE POLICY tenant_rows ON orders TO app_reader USING (tenant_id = current_setting('app.tenant')::int);",
            "CREATE ROLE app_reader;\nCREATE POLICY tenant_rows ON orders TO app_reader USING (tenant_id = current_setting('app.tenant')::int);"));

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration)
    {
        var createdRoles = new RunNameSet();
        registration.RegisterNodeAction(context => createdRoles.Add(context.Node.Str("role") ?? string.Empty), "CreateRoleStmt");
        registration.RegisterNodeAction(context => CheckRoles(context, createdRoles), "CreatePolicyStmt", "AlterPolicyStmt");
    }

    private static void CheckRoles(NodeContext context, RunNameSet createdRoles)
    {
        var policy = context.Node.Str("policy_name") ?? string.Empty;
        var named = new List<(string Role, TextSpan Span)>();
        foreach (var item in context.Node.Items("roles"))
        {
            if (item.Is("RoleSpec", out var role) && role.Str("roletype") == "ROLESPEC_CSTRING")
            {
                named.Add((role.Str("rolename") ?? string.Empty, context.Statement.TokenSpanAt(role.Location())));
            }
        }

        // Roles may be created in a later file of the same migration: decide once everything is read.
        context.AfterCatalog(check =>
        {
            foreach (var (role, span) in named)
            {
                if (!createdRoles.Contains(role))
                {
                    check.Report(span, policy, role);
                }
            }
        });
    }
}
