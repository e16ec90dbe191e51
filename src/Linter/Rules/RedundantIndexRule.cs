using System;
using System.Collections.Generic;
using System.Linq;
using YbMigrate.Linter.Catalog;
using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Rules;

/// <summary>YB4004: an index whose key columns are a prefix of another index (or key constraint) on the same table.</summary>
public sealed class RedundantIndexRule : SqlRule
{
    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB4004",
        "Redundant index",
        Severity.Info,
        RuleCategory.Performance,
        Availability.Never,
        "{0} is redundant: {1} starts with the same key columns and serves the same lookups, while each index adds a write to every insert and update on YugabyteDB; drop it",
        new RuleDocs(
            "A CREATE INDEX (or a UNIQUE constraint) whose key columns are the leading columns, in the same order, of another index, primary key or unique constraint on the same table with the same access method, anywhere in the input. A shorter unique index is kept (it enforces something the longer one does not); an exact duplicate is reported on the later one. Not reported: partial indexes, indexes with INCLUDE columns or expressions, and a range-sharded index (first column ASC/DESC) covered only by a hash-sharded one, which cannot serve its range scans.",
            "On YugabyteDB every index is a separate distributed table: each insert, update of an indexed column, or delete writes to it too, often on another node, and the write must commit with the row. An index whose lookups the longer index already serves only adds that cost, and the load time of the data.",
            "Drop the redundant index (or leave it out of the migrated schema). Queries on its columns use the longer index, whose key starts with them.",
            "CREATE INDEX playlist_track_playlist_id_idx ON playlist_track (playlist_id);  -- primary key (playlist_id, track_id)",
            "-- nothing: the primary key (playlist_id, track_id) serves lookups by playlist_id"));

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration)
    {
        registration.RegisterNodeAction(CreateIndex, "IndexStmt");
        registration.RegisterNodeAction(AddConstraint, "CreateStmt", "AlterTableStmt");
        registration.RegisterCatalogAction(CheckDeclared);
    }

    private static void CreateIndex(NodeContext context)
    {
        var node = context.Node;
        if (context.Statement.Embedded is not null || PerformanceNodes.IsInCatalog(context))
        {
            return; // a top-level statement's index is checked by CheckDeclared
        }

        var keys = new List<string>(node.Field("indexParams").GetArrayLength());
        foreach (var param in node.Items("indexParams"))
        {
            if (param.Field("IndexElem").Str("name") is not { } name)
            {
                return; // an expression key
            }

            keys.Add(name);
        }

        var relation = node.Field("relation");
        Check(context, QualifiedName.FromRangeVar(relation), keys, context.Statement.ToSourceOffset(relation.Location()), constraint: null);
    }

    private static void AddConstraint(NodeContext context)
    {
        if (context.Statement.Embedded is not null || PerformanceNodes.IsInCatalog(context))
        {
            return; // a top-level statement's unique constraints are checked by CheckDeclared
        }

        var sites = PerformanceNodes.KeyConstraints(context);
        for (var i = 0; i < sites.Count; i++)
        {
            if (sites[i].Kind == "CONSTR_UNIQUE")
            {
                CheckUnique(context, sites[i]);
            }
        }
    }

    private static void CheckUnique(NodeContext context, PerformanceNodes.ConstraintSite site) =>
        Check(context, site.Table, site.Columns, 0, site);

    // The span is located only when reporting: most indexes are not redundant. It is the unique
    // constraint's, or an index's key columns from source offset `from` on.
    private static void Check(NodeContext context, QualifiedName tableName, IReadOnlyList<string> keys, int from, PerformanceNodes.ConstraintSite? constraint) =>
        context.AfterCatalog((tableName, keys, from, constraint, (IndexInfo?)null), CheckIndex);

    // Every index without expression keys and every unique constraint of the catalog, on the statement that declared it.
    private static void CheckDeclared(CatalogContext check)
    {
        foreach (var (declared, index, _) in check.Declarations)
        {
            if (index is { IsConstraint: false } && !index.Columns.Contains(null))
            {
                check.CheckDeclared(declared.Statement, index, static (check, index) =>
                    CheckIndex(check, (index.Declared.Table, index.Columns, check.Statement.ToSourceOffset(index.Declared.Location), null, index)!));
            }
            else if (index is { IsConstraint: true, IsPrimaryKey: false })
            {
                check.CheckDeclared(declared.Statement, index, static (check, unique) =>
                    CheckIndex(check, (unique.Declared.Table, unique.Columns, 0, PerformanceNodes.ConstraintSite.Declared(unique), unique)!));
            }
        }
    }

    // Self is the catalog's entry when the check comes from the catalog walk; a deferred check finds it.
    private static void CheckIndex(CatalogContext check, (QualifiedName TableName, IReadOnlyList<string> Keys, int From, PerformanceNodes.ConstraintSite? Constraint, IndexInfo? Self) index)
    {
        var table = check.Catalog.FindTable(index.TableName);
        var self = table is null ? null : index.Self ?? FindSelf(table, check.Statement.Ordinal, index.Keys, isConstraint: index.Constraint is not null);
        var covering = self is null ? null : Covering(self, table!.Indexes);
        if (covering is not null)
        {
            var span = index.Constraint?.Span ?? PerformanceNodes.ColumnListSpan(check.Statement, index.Keys, index.From);
            check.Report(span, Describe(self!, capitalized: true), Describe(covering, capitalized: false));
        }
    }

    // The catalog's entry for the index, or for the unique constraint on these columns, that the statement made.
    // Loops, not LINQ: every index and unique constraint of the input runs this check.
    private static IndexInfo? FindSelf(TableInfo table, int ordinal, IReadOnlyList<string> columns, bool isConstraint)
    {
        foreach (var index in table.Indexes)
        {
            var found = isConstraint
                ? index.IsConstraint && !index.IsPrimaryKey && index.Ordinal == ordinal && index.Columns.SequenceEqual(columns)
                : !index.IsConstraint && index.Ordinal == ordinal;
            if (found)
            {
                return index;
            }
        }

        return null;
    }

    private static IndexInfo? Covering(IndexInfo self, List<IndexInfo> all)
    {
        foreach (var other in all)
        {
            if (Covers(other, self, all))
            {
                return other;
            }
        }

        return null;
    }

    private static bool Covers(IndexInfo other, IndexInfo self, List<IndexInfo> all)
    {
        // CREATE INDEX IF NOT EXISTS repeated in an idempotent script names the same index twice.
        var sameIndex = other == self || (self.Name is not null && other.Name == self.Name);
        var comparable = !sameIndex && !self.IsPrimaryKey && !self.IsPartial && !other.IsPartial && !self.HasIncludedColumns
            && Method(other) == Method(self) && !(self.IsRangeSharded && !other.IsRangeSharded);
        if (!comparable || !IsPrefix(self.Columns, other.Columns))
        {
            return false;
        }

        if (self.Columns.Count < other.Columns.Count)
        {
            return !self.Unique && Method(self) == "btree";
        }

        // Same key: a unique index is not redundant with a plain one; otherwise keep the first declared.
        return self.Unique == other.Unique ? all.IndexOf(other) < all.IndexOf(self) : other.Unique;
    }

    private static bool IsPrefix(IReadOnlyList<string?> prefix, IReadOnlyList<string?> columns)
    {
        if (prefix.Count == 0 || prefix.Count > columns.Count)
        {
            return false;
        }

        for (var i = 0; i < prefix.Count; i++)
        {
            if (prefix[i] is null || columns[i] != prefix[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>YugabyteDB's lsm is what btree maps to.</summary>
    private static string Method(IndexInfo index) =>
        index.Method.Equals("lsm", StringComparison.OrdinalIgnoreCase) ? "btree" : index.Method.ToLowerInvariant();

    private static string Describe(IndexInfo index, bool capitalized)
    {
        var kind = index.IsPrimaryKey ? "primary key" : index.IsConstraint ? "unique constraint" : index.Unique ? "unique index" : "index";
        var columns = $"({string.Join(", ", index.Columns)})";
        var text = index.Name is null ? $"the {kind} on {columns}" : $"{kind} \"{index.Name}\" {columns}";
        return capitalized ? char.ToUpperInvariant(text[0]) + text.Substring(1) : text;
    }
}
