using System.Collections.Generic;
using YbMigrate.Linter.Catalog;
using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;

namespace YbMigrate.Linter.Rules;

/// <summary>YB4005: a foreign key whose columns do not lead any index, primary key or unique constraint of the referencing table.</summary>
public sealed class ForeignKeyWithoutIndexRule : SqlRule
{
    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB4005",
        "Foreign key without a supporting index",
        Severity.Info,
        RuleCategory.Performance,
        Availability.Never,
        "No index of \"{1}\" starts with the foreign key column(s) ({0}): each delete or key update in \"{2}\" must then search all of \"{1}\" across the cluster for referencing rows; create an index on ({0})",
        new RuleDocs(
            "A foreign key (column or table constraint, in CREATE TABLE or ALTER TABLE) whose referencing columns are not the leading key columns, in any order, of an index, the primary key or a unique constraint of the referencing table (or of its partitioned parent). Indexes created anywhere in the input count, so a script that adds the foreign key and then its index in the next statement is not reported. Partial indexes do not count.",
            "When a referenced row is deleted, or its key changes, the database looks for rows that still point at it. With an index on the foreign key columns that is a single lookup; without one it is a scan of the whole referencing table, which on YugabyteDB reads every tablet of that table from every node, and runs for each deleted parent row.",
            "Create an index whose key starts with the foreign key columns. On YugabyteDB a plain `CREATE INDEX` is hash sharded on its first column, which suits these equality lookups.",
            "CREATE TABLE invoice_line (id bigint PRIMARY KEY, invoice_id bigint REFERENCES invoice);",
            "CREATE TABLE invoice_line (id bigint PRIMARY KEY, invoice_id bigint REFERENCES invoice);\nCREATE INDEX invoice_line_invoice_id_idx ON invoice_line (invoice_id);"));

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration)
    {
        registration.RegisterNodeAction(Analyze, "CreateStmt", "AlterTableStmt");
        registration.RegisterCatalogAction(CheckDeclared);
    }

    private static void Analyze(NodeContext context)
    {
        if (context.Statement.Embedded is not null || PerformanceNodes.IsInCatalog(context))
        {
            return; // a top-level statement's foreign keys are checked by CheckDeclared
        }

        var sites = PerformanceNodes.KeyConstraints(context);
        for (var i = 0; i < sites.Count; i++)
        {
            if (sites[i].IsForeignKey && sites[i].Columns.Count > 0)
            {
                Check(context, sites[i]);
            }
        }
    }

    private static void Check(NodeContext context, PerformanceNodes.ConstraintSite site) => context.AfterCatalog(site, CheckKey);

    private static void CheckDeclared(CatalogContext check)
    {
        foreach (var (declared, _, foreignKey) in check.Declarations)
        {
            if (foreignKey is { Columns.Count: > 0 })
            {
                check.CheckDeclared(declared.Statement, PerformanceNodes.ConstraintSite.Declared(foreignKey), CheckKey);
            }
        }
    }

    private static void CheckKey(CatalogContext check, PerformanceNodes.ConstraintSite key)
    {
        var table = check.Catalog.FindTable(key.Table);
        if (table is not null && !IsSupported(table, key.Columns, check.Catalog))
        {
            check.Report(key.Span, string.Join(", ", key.Columns), key.Table.Name, key.ReferencedTable?.Name ?? string.Empty);
        }
    }

    private static bool IsSupported(TableInfo table, IReadOnlyList<string> columns, SchemaCatalog catalog)
    {
        var parent = table.PartitionOf is { } parentName ? catalog.FindTable(parentName) : null;
        return AnyLeads(table.Indexes, columns) || (parent is not null && AnyLeads(parent.Indexes, columns));
    }

    private static bool AnyLeads(List<IndexInfo> indexes, IReadOnlyList<string> columns)
    {
        foreach (var index in indexes)
        {
            if (Leads(index, columns))
            {
                return true;
            }
        }

        return false;
    }

    // The index's first columns are the key's columns, in any order.
    private static bool Leads(IndexInfo index, IReadOnlyList<string> columns)
    {
        if (index.IsPartial || index.Method is not ("btree" or "lsm" or "hash") || index.Columns.Count < columns.Count)
        {
            return false;
        }

        for (var key = 0; key < columns.Count; key++) // by index: a foreach over the interface allocates an enumerator, for every foreign key
        {
            var found = false;
            for (var i = 0; i < columns.Count && !found; i++)
            {
                found = index.Columns[i] == columns[key];
            }

            if (!found)
            {
                return false;
            }
        }

        return true;
    }
}
