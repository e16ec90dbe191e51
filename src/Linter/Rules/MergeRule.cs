using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;

namespace YbMigrate.Linter.Rules;

/// <summary>YB3014: the MERGE statement (PostgreSQL 15).</summary>
public sealed class MergeRule : SqlRule
{
    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB3014",
        "MERGE statement",
        Severity.Error,
        RuleCategory.UnsupportedFeature,
        Availability.Never,
        "MERGE is not supported by YugabyteDB: use INSERT ... ON CONFLICT for upserts, or separate UPDATE / INSERT / DELETE statements",
        new RuleDocs(
            "`MERGE INTO target USING source ON ... WHEN [NOT] MATCHED THEN ...`, in scripts and in function bodies.",
            "No YugabyteDB release implements MERGE, although its SQL layer is based on PostgreSQL 15: the statement is rejected.",
            "For an upsert keyed on a unique constraint, use `INSERT ... ON CONFLICT (key) DO UPDATE SET ...`. Otherwise split the MERGE into an UPDATE ... FROM for the matched rows, an INSERT ... SELECT ... WHERE NOT EXISTS for the others (and a DELETE when a branch deletes), in one transaction.",
            "MERGE INTO stock s USING deliveries d ON s.item = d.item\nWHEN MATCHED THEN UPDATE SET qty = s.qty + d.qty\nWHEN NOT MATCHED THEN INSERT (item, qty) VALUES (d.item, d.qty);",
            "INSERT INTO stock (item, qty) SELECT item, qty FROM deliveries\nON CONFLICT (item) DO UPDATE SET qty = stock.qty + excluded.qty;"));

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterNodeAction(context => context.Report(StatementTokens.Leading(context.Statement, 1)), "MergeStmt");
}
