using System.Collections.Generic;
using System.Linq;
using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;

namespace YbMigrate.Linter.Rules;

/// <summary>YB3002: references to the system columns xmin, xmax, cmin, cmax and ctid.</summary>
public sealed class SystemColumnRule : SqlRule
{
    private static readonly HashSet<string> SystemColumns = new() { "xmin", "xmax", "cmin", "cmax", "ctid" };

    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB3002",
        "System column reference",
        Severity.Error,
        RuleCategory.UnsupportedFeature,
        Availability.Never,
        "System column {0} does not exist in YugabyteDB tables: use a version column or the primary key instead",
        new RuleDocs(
            "References to the system columns `xmin`, `xmax`, `cmin`, `cmax` and `ctid`, qualified (`t.xmin`) or not, anywhere in a query. Aliases and string literals with those names are not references and are not flagged. PostgreSQL does not let a table have a user column with one of these names, but a view, subquery, CTE or function result column, or a PL/pgSQL variable, can be named so: such a reference is flagged too and can be suppressed.",
            "The system columns describe PostgreSQL's heap storage: the transaction ids and command ids of the row version, and its physical position. YugabyteDB stores rows in DocDB and does not provide these columns, so the query fails. Idioms built on them (`ctid` to delete duplicates, `xmin` for optimistic locking or change detection) need another key.",
            "For optimistic locking, add a `version` column (or an `updated_at` timestamp) maintained by the application or a trigger. To address a row, use its primary key; to delete duplicates, rank rows with `row_number()` over the primary key instead of comparing `ctid`.",
            "UPDATE accounts SET balance = 10 WHERE id = 1 AND xmin = 123456;",
            "UPDATE accounts SET balance = 10, version = version + 1 WHERE id = 1 AND version = 7;"));

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration) => registration.RegisterNodeAction(Analyze, "ColumnRef");

    private static void Analyze(NodeContext context)
    {
        var fields = context.Node.Field("fields");
        var count = fields.GetArrayLength();
        var name = count == 0 ? null : PgJson.StringValue(fields[count - 1]);
        if (name is null || !SystemColumns.Contains(name))
        {
            return;
        }

        context.Report(DottedNames.LastPartSpan(context.Statement, context.Node.Location()), name);
    }
}
