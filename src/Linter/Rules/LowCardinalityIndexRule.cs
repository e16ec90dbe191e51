using YbMigrate.Linter.Catalog;
using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;

namespace YbMigrate.Linter.Rules;

/// <summary>YB4007: a single-column, non-partial index on a boolean column.</summary>
public sealed class LowCardinalityIndexRule : SqlRule
{
    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB4007",
        "Index on a boolean column",
        Severity.Info,
        RuleCategory.Performance,
        Availability.Never,
        "Index on the boolean column \"{0}\": with two values it narrows a search very little, and on YugabyteDB all entries with the same value land in one tablet; drop it, or make it a partial index (WHERE {0}, or WHERE NOT {0}) on the rare value",
        new RuleDocs(
            "A CREATE INDEX whose only key is a column of type boolean (also through a domain), the column's type being resolved from the whole schema. A partial index (with WHERE) is not reported, nor is a boolean column that is one of several keys. Other low-cardinality or mostly-NULL columns cannot be recognised from the schema alone.",
            "An index on a two-valued column returns about half the table for either value, so the planner rarely uses it, yet every insert and update still writes to it. On YugabyteDB it is worse: a hash-sharded index puts every entry with the same key on the same tablet, so the whole index lives on at most two tablets, which take all its writes.",
            "Drop the index. When queries look for the rare value (e.g. unprocessed rows), index that case only with a partial index, keyed on a column that spreads well, such as the primary key or a timestamp.",
            "CREATE INDEX jobs_done_idx ON jobs (done);",
            "CREATE INDEX jobs_pending_idx ON jobs (id) WHERE NOT done;"));

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration)
    {
        registration.RegisterNodeAction(Analyze, "IndexStmt");
        registration.RegisterCatalogAction(CheckDeclared);
    }

    private static void Analyze(NodeContext context)
    {
        var node = context.Node;
        var keys = node.Field("indexParams");
        var column = keys.GetArrayLength() == 1 ? keys[0].Field("IndexElem").Str("name") : null;
        if (column is null || node.Has("whereClause") || PerformanceNodes.IsInCatalog(context))
        {
            return; // a top-level statement's index is checked by CheckDeclared
        }

        var relation = node.Field("relation");
        context.AfterCatalog((QualifiedName.FromRangeVar(relation), column, context.Statement.ToSourceOffset(relation.Location())), CheckColumn);
    }

    // The catalog's indexes on one column (not an expression), without WHERE.
    private static void CheckDeclared(CatalogContext check)
    {
        foreach (var (declared, index, _) in check.Declarations)
        {
            if (index is { IsConstraint: false, IsPartial: false, Columns.Count: 1 } && index.Columns[0] is { } column)
            {
                check.CheckDeclared(declared.Statement, (declared.Table, Column: column, declared.Location), static (check, index) =>
                    CheckColumn(check, (index.Table, index.Column, check.Statement.ToSourceOffset(index.Location))));
            }
        }
    }

    private static void CheckColumn(CatalogContext check, (QualifiedName Table, string Column, int From) index)
    {
        var type = check.Catalog.ColumnType(index.Table, index.Column);
        if (type is not null && check.Catalog.ResolveDomains(type) is { IsArray: false, Name: "boolean" })
        {
            // Located only when reporting: scanning the tokens of every index's statement is the costly part.
            check.Report(PerformanceNodes.ColumnListSpan(check.Statement, new[] { index.Column }, index.From), index.Column);
        }
    }
}
