using System;
using YbMigrate.Linter.Catalog;
using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Rules;

/// <summary>YB4008: a secondary index, unique or foreign key constraint, or trigger created before data is loaded into its table.</summary>
public sealed class IndexBeforeBulkLoadRule : SqlRule
{
    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB4008",
        "Index, foreign key or trigger created before the data load",
        Severity.Info,
        RuleCategory.Performance,
        Availability.Never,
        "{0} on \"{1}\" is created before the table's data is loaded ({2} later INSERT/COPY statement(s)): it is updated or checked for every loaded row, which multiplies the load time on YugabyteDB; create it after the data is loaded",
        new RuleDocs(
            "A CREATE INDEX, a UNIQUE or FOREIGN KEY constraint (in CREATE TABLE or ALTER TABLE), or a CREATE TRIGGER on a table that a later statement of the input loads with INSERT or COPY .. FROM. Reported once per object, on its declaration. The primary key is not reported: on YugabyteDB it is the table's own storage order, best declared in CREATE TABLE. Objects created after the last load are not reported.",
            "Every secondary index is a separate distributed table on YugabyteDB, so each loaded row becomes one write per index, usually to other nodes, inside the same transaction; published sizing data shows a load taking about 1.4 times as long with one index, 3.4 times with five and 6.5 times with ten. Foreign keys add a lookup in the referenced table per row, and row triggers run per row. Building the index once the data is there reads the table once.",
            "Order the script as pg_dump does: create tables with their primary keys, load the data, then create the indexes, unique and foreign key constraints and triggers. For a load into an existing schema, drop and recreate them around the load when the table is large.",
            "CREATE TABLE track (track_id int PRIMARY KEY, album_id int);\nCREATE INDEX track_album_id_idx ON track (album_id);\nCOPY track FROM '/data/track.csv' WITH (FORMAT csv);",
            "CREATE TABLE track (track_id int PRIMARY KEY, album_id int);\nCOPY track FROM '/data/track.csv' WITH (FORMAT csv);\nCREATE INDEX track_album_id_idx ON track (album_id);"));

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration)
    {
        registration.RegisterNodeAction(CreateIndex, "IndexStmt");
        registration.RegisterNodeAction(AddConstraint, "CreateStmt", "AlterTableStmt");
        registration.RegisterNodeAction(CreateTrigger, "CreateTrigStmt");
        registration.RegisterCatalogAction(CheckDeclared);
    }

    private static void CreateIndex(NodeContext context)
    {
        if (PerformanceNodes.IsInCatalog(context))
        {
            return; // checked by CheckDeclared
        }

        var name = context.Node.Str("idxname");
        var relation = context.Node.Field("relation");
        var table = QualifiedName.FromRangeVar(relation);
        Check(context, table, "Index", name, null, relation.Location());
    }

    private static void AddConstraint(NodeContext context)
    {
        if (PerformanceNodes.IsInCatalog(context))
        {
            return; // checked by CheckDeclared
        }

        var sites = PerformanceNodes.KeyConstraints(context);
        for (var i = 0; i < sites.Count; i++)
        {
            if (sites[i].Kind != "CONSTR_PRIMARY")
            {
                CheckConstraint(context, sites[i]);
            }
        }
    }

    private static void CheckConstraint(NodeContext context, PerformanceNodes.ConstraintSite site) =>
        Check(context, site.Table, site.IsForeignKey ? "Foreign key" : "Unique constraint", site.Name, site, null);

    private static void CreateTrigger(NodeContext context)
    {
        Check(context, QualifiedName.FromRangeVar(context.Node.Field("relation")), "Trigger", context.Node.Str("trigname"), null, null);
    }

    private static TextSpan? NameSpan(StatementContext statement, string? name)
    {
        var token = name is null ? -1 : statement.FindIdentifier(name, statement.Span.Start);
        return token >= 0 ? statement.Tokens[token].Span : null;
    }

    private static string Named(string what, string? name) => name is null ? what : $"{what} \"{name}\"";

    // The span and the label are made only when reporting: most indexes are not created before a load.
    // The span is the constraint's (site); else the name's, or the table's (at relationLocation) or the statement's.
    private static void Check(NodeContext context, QualifiedName table, string what, string? name, PerformanceNodes.ConstraintSite? site, int? relationLocation)
    {
        if (context.Statement.Embedded is not null)
        {
            return;
        }

        context.AfterCatalog((table, what, name, site, relationLocation), CheckLoads);
    }

    // Every index, unique and foreign key constraint of the catalog (the primary keys aside), on the statement that declared it.
    private static void CheckDeclared(CatalogContext check)
    {
        foreach (var (declared, index, foreignKey) in check.Declarations)
        {
            if (index is { IsPrimaryKey: true })
            {
                continue;
            }

            var made = index switch
            {
                null => (declared.Table, "Foreign key", foreignKey!.Name, PerformanceNodes.ConstraintSite.Declared(foreignKey), (int?)null),
                { IsConstraint: true } => (declared.Table, "Unique constraint", index.Name, PerformanceNodes.ConstraintSite.Declared(index), null),
                _ => (declared.Table, "Index", index.Name, null, declared.Location),
            };
            check.CheckDeclared(declared.Statement, made, CheckLoads);
        }
    }

    private static void CheckLoads(CatalogContext check, (QualifiedName Table, string What, string? Name, PerformanceNodes.ConstraintSite? Site, int? RelationLocation) made)
    {
        var loads = LoadsAfter(check.Catalog.FindTable(made.Table), check.Statement.Ordinal);
        if (loads > 0)
        {
            check.Report(Span(check.Statement, made.Table, made.Name, made.Site, made.RelationLocation), Named(made.What, made.Name), made.Table.Name, loads);
        }
    }

    private static TextSpan Span(StatementContext statement, QualifiedName table, string? name, PerformanceNodes.ConstraintSite? site, int? relationLocation) =>
        site?.Span ?? NameSpan(statement, name) ?? (relationLocation is { } at ? PerformanceNodes.RelationSpan(statement, table, at) : statement.TokenSpanAt(-1));

    private static int LoadsAfter(TableInfo? table, int ordinal)
    {
        var loads = 0;
        if (table is not null)
        {
            foreach (var load in table.DataLoadOrdinals)
            {
                loads += load > ordinal ? 1 : 0;
            }
        }

        return loads;
    }
}
