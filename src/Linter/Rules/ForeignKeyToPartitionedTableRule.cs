using YbMigrate.Linter.Catalog;
using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;

namespace YbMigrate.Linter.Rules;

/// <summary>YB1025: a foreign key that references a partitioned table.</summary>
public sealed class ForeignKeyToPartitionedTableRule : SqlRule
{
    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB1025",
        "Foreign key referencing a partitioned table",
        Severity.Error,
        RuleCategory.UnsupportedFeature,
        Availability.Fixed("2.25", "2025.1"),
        "Foreign key references partitioned table \"{0}\", which this YugabyteDB version does not allow: enforce the reference with a trigger, or reference the partitions",
        new RuleDocs(
            "A FOREIGN KEY whose referenced table is partitioned: `REFERENCES` on a column, a table-level `FOREIGN KEY (...) REFERENCES`, or one added with `ALTER TABLE ... ADD CONSTRAINT`. The referenced table is looked up in the whole schema, so it may be declared in another file.",
            "PostgreSQL 12 and later accept foreign keys that point to a partitioned table. YugabyteDB versions before 2.25 / 2025.1 are based on PostgreSQL 11, where the referenced table must be a plain table, so the constraint fails.",
            "Upgrade to YugabyteDB 2.25 / 2025.1 or later. Otherwise drop the constraint and check the reference in the application or with a trigger on the referencing table (and one on the referenced table for deletes), or point the key at the one partition that holds the referenced rows when that is fixed.",
            "CREATE TABLE orders (id bigint, placed date, PRIMARY KEY (id, placed)) PARTITION BY RANGE (placed);\nCREATE TABLE order_lines (order_id bigint, placed date, FOREIGN KEY (order_id, placed) REFERENCES orders);",
            "CREATE TABLE order_lines (order_id bigint, placed date);\nCREATE TRIGGER order_lines_order_exists BEFORE INSERT OR UPDATE ON order_lines FOR EACH ROW EXECUTE FUNCTION check_order_exists();"));

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration)
    {
        registration.RegisterNodeAction(Analyze, "Constraint");
        registration.RegisterCatalogAction(CheckDeclared);
    }

    private static void Analyze(NodeContext context)
    {
        if (context.Node.Str("contype") != "CONSTR_FOREIGN" || PerformanceNodes.IsConstraintInCatalog(context))
        {
            return; // a foreign key in the catalog is checked by CheckDeclared
        }

        var referenced = context.Node.Field("pktable");
        context.AfterCatalog((QualifiedName.FromRangeVar(referenced), referenced.Location()), CheckReference);
    }

    private static void CheckDeclared(CatalogContext check)
    {
        foreach (var (declared, _, foreignKey) in check.Declarations)
        {
            if (foreignKey is not null)
            {
                check.CheckDeclared(declared.Statement, foreignKey, static (check, key) => CheckReference(check, (key.ReferencedTable, key.ReferencedTableLocation)));
            }
        }
    }

    private static void CheckReference(CatalogContext check, (QualifiedName Table, int Location) reference)
    {
        if (check.Catalog.FindTable(reference.Table)?.IsPartitioned == true)
        {
            // Located only when reporting: scanning the tokens of every foreign key's statement is the costly part.
            check.Report(TableDefinitionNodes.QualifiedNameSpan(check.Statement, reference.Location), reference.Table.ToString());
        }
    }
}
