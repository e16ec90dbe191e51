using System.Collections.Generic;
using YbMigrate.Linter.Catalog;
using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Rules;

/// <summary>YB4006: a foreign key column whose type differs from the referenced column's.</summary>
public sealed class ForeignKeyTypeMismatchRule : SqlRule
{
    /// <summary>
    /// Types that differ only in name or length limit but share storage and comparison operators:
    /// serials are their integer types, varchar is text to the comparison.
    /// </summary>
    private static readonly Dictionary<string, string> SameComparison = new()
    {
        ["serial"] = "integer",
        ["serial4"] = "integer",
        ["bigserial"] = "bigint",
        ["serial8"] = "bigint",
        ["smallserial"] = "smallint",
        ["serial2"] = "smallint",
        ["varchar"] = "text",
    };

    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB4006",
        "Foreign key column type differs from the referenced column",
        Severity.Warning,
        RuleCategory.Performance,
        Availability.Never,
        "Foreign key column \"{0}\" is {1} but the referenced column \"{2}.{3}\" is {4}: every check compares across types, and values that fit one column may not fit the other; declare both columns with the same type",
        new RuleDocs(
            "A foreign key whose referencing column has another type than the column it references (the referenced table's primary key when the REFERENCES clause names no columns), with both types resolved from the whole schema, through domains. integer against bigint, numeric against integer, or timestamp against timestamptz are reported. Not reported: serial against integer (and bigserial / bigint, smallserial / smallint), and varchar against text, which store and compare alike; differences in length or precision only (varchar(20) against varchar(40), numeric(10,2) against numeric(12,2)) are not visible to the rule.",
            "Each insert into the referencing table, and each delete in the referenced one, looks the value up in the other table's index. With different types every such check compares values of two types, which adds casts and, for some pairs of types, keeps the check from being a plain key lookup in the other table's index; and the narrower column caps the values: a bigint parent key above 2^31 cannot be referenced from an integer column. It is usually an oversight of the original schema worth fixing during the migration.",
            "Declare the referencing column with exactly the referenced column's type (`bigint` for a `bigserial` or `bigint` key).",
            "CREATE TABLE customer (id bigint PRIMARY KEY);\nCREATE TABLE orders (id bigint PRIMARY KEY, customer_id integer REFERENCES customer);",
            "CREATE TABLE customer (id bigint PRIMARY KEY);\nCREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint REFERENCES customer);"));

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
            if (sites[i].IsForeignKey && sites[i].ReferencedTable is { } referenced)
            {
                Defer(context, sites[i], referenced);
            }
        }
    }

    private static void Defer(NodeContext context, PerformanceNodes.ConstraintSite site, QualifiedName referenced) =>
        context.AfterCatalog((site, referenced), static (check, key) => Check(check, key.site, key.referenced));

    private static void CheckDeclared(CatalogContext check)
    {
        foreach (var (declared, _, foreignKey) in check.Declarations)
        {
            if (foreignKey is not null)
            {
                check.CheckDeclared(declared.Statement, foreignKey, static (check, key) => Check(check, PerformanceNodes.ConstraintSite.Declared(key), key.ReferencedTable));
            }
        }
    }

    private static void Check(CatalogContext check, PerformanceNodes.ConstraintSite site, QualifiedName referenced)
    {
        var table = check.Catalog.FindTable(site.Table);
        var parent = check.Catalog.FindTable(referenced);
        var referencedColumns = site.ReferencedColumns.Count > 0 ? site.ReferencedColumns : parent?.PrimaryKey;
        if (table is null || parent is null || referencedColumns is null || referencedColumns.Count != site.Columns.Count)
        {
            return;
        }

        for (var i = 0; i < site.Columns.Count; i++)
        {
            var type = table.Column(site.Columns[i])?.Type;
            var referencedType = parent.Column(referencedColumns[i])?.Type;
            if (type is not null && referencedType is not null && Comparable(type, check.Catalog) != Comparable(referencedType, check.Catalog))
            {
                check.Report(ColumnSpan(check.Statement, site, site.Columns[i]), site.Columns[i], type, parent.Name.Name, referencedColumns[i], referencedType);
            }
        }
    }

    private static string Comparable(TypeRef type, SchemaCatalog catalog)
    {
        var underlying = catalog.ResolveDomains(type);
        var name = SameComparison.TryGetValue(underlying.Name, out var same) ? same : underlying.Name;
        return underlying.IsArray ? name + "[]" : name;
    }

    /// <summary>The column's own name inside a multi-column key; the key's span otherwise.</summary>
    private static TextSpan ColumnSpan(StatementContext statement, PerformanceNodes.ConstraintSite site, string column)
    {
        var token = site.Columns.Count > 1 ? statement.FindIdentifier(column, site.Span.Start) : -1;
        return token >= 0 && statement.Tokens[token].Span.End <= site.Span.End ? statement.Tokens[token].Span : site.Span;
    }
}
