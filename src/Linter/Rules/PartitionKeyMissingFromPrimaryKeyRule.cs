using System;
using System.Collections.Generic;
using System.Linq;
using YbMigrate.Linter.Catalog;
using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Rules;

/// <summary>YB1019: a primary key, unique constraint or unique index of a partitioned table that lacks a partition key column.</summary>
public sealed class PartitionKeyMissingFromPrimaryKeyRule : SqlRule
{
    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB1019",
        "Partition key column missing from a primary key or unique constraint",
        Severity.Error,
        RuleCategory.UnsupportedFeature,
        Availability.Never,
        "{0} of partitioned table \"{1}\" does not include the partition key column(s) {2}: PostgreSQL and YugabyteDB both reject it; add them to the key",
        new RuleDocs(
            "A PRIMARY KEY, UNIQUE constraint or unique index of a partitioned table whose columns do not include every column of the table's partition key, whether declared in CREATE TABLE, added with ALTER TABLE or created with CREATE UNIQUE INDEX. The partition key is taken from the table's CREATE TABLE, wherever it is in the schema. Tables partitioned on an expression are left to YB1017.",
            "Uniqueness on a partitioned table is checked inside each partition only, which is correct only when the key determines the partition. PostgreSQL rejects such a key too, so the statement usually comes from a schema converted from another database; on YugabyteDB it fails in the same way, and the table ends up without its key.",
            "Add the missing partition key columns to the key (uniqueness then holds per partition key value), or enforce global uniqueness another way, e.g. with a separate non-partitioned table keyed on the column.",
            "CREATE TABLE orders (id bigint PRIMARY KEY, placed date) PARTITION BY RANGE (placed);",
            "CREATE TABLE orders (id bigint, placed date, PRIMARY KEY (id, placed)) PARTITION BY RANGE (placed);"));

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration)
    {
        registration.RegisterNodeAction(CheckConstraints, "CreateStmt", "AlterTableStmt");
        registration.RegisterNodeAction(CheckUniqueIndex, "IndexStmt");
        registration.RegisterCatalogAction(CheckDeclared);
    }

    private static void CheckConstraints(NodeContext context)
    {
        if (PerformanceNodes.IsInCatalog(context))
        {
            return; // a top-level statement's keys are checked by CheckDeclared
        }

        var table = QualifiedName.FromRangeVar(context.Node.Field("relation"));
        var keys = TableDefinitionNodes.KeyConstraints(context.Node);
        for (var i = 0; i < keys.Count; i++)
        {
            var key = keys[i];
            var keyword = key.IsPrimaryKey ? TokenKind.PRIMARY : TokenKind.UNIQUE;
            Check(context, table, key.IsPrimaryKey ? "Primary key" : "Unique constraint", key.Columns, key.Node.Location(), keyword);
        }
    }

    private static void CheckUniqueIndex(NodeContext context)
    {
        if (!context.Node.Bool("unique") || PerformanceNodes.IsInCatalog(context))
        {
            return; // a top-level statement's unique index is checked by CheckDeclared
        }

        // An expression in the index key does not count as the column it mentions.
        var columns = new List<string>(context.Node.Field("indexParams").GetArrayLength());
        foreach (var param in context.Node.Items("indexParams"))
        {
            if (param.Is("IndexElem", out var element) && element.Str("name") is { } name)
            {
                columns.Add(name);
            }
        }

        Check(context, QualifiedName.FromRangeVar(context.Node.Field("relation")), "Unique index", columns, keyLocation: null, TokenKind.UNIQUE);
    }

    private static TextSpan UniqueKeyword(StatementContext statement)
    {
        var unique = statement.FindToken(TokenKind.UNIQUE);
        return unique < 0 ? statement.TokenSpanAt(-1) : statement.Tokens[unique].Span;
    }

    // The span is found only when reporting: scanning every key's statement for its keyword is the costly part.
    // A constraint's keyword is the first after its parse location; a unique index's, the statement's UNIQUE.
    private static void Check(NodeContext context, QualifiedName table, string what, IReadOnlyList<string> keyColumns, int? keyLocation, TokenKind keyword) =>
        context.AfterCatalog((table, what, keyColumns, keyLocation, keyword), CheckKey);

    // The catalog's keys and unique indexes as the statements above would have deferred them: not the column
    // constraints of ALTER TABLE .. ADD COLUMN, which KeyConstraints does not read.
    private static void CheckDeclared(CatalogContext check)
    {
        foreach (var (declared, index, _) in check.Declarations)
        {
            if (index is { IsConstraint: false, Unique: true })
            {
                check.CheckDeclared(declared.Statement, index, static (check, unique) =>
                    CheckKey(check, (unique.Declared.Table, "Unique index", unique.NamedColumns(), null, TokenKind.UNIQUE)));
            }
            else if (index is { IsConstraint: true } && !(declared.IsColumnConstraint && declared.ByAlterTable))
            {
                check.CheckDeclared(declared.Statement, index, static (check, key) =>
                {
                    var (what, keyword) = key.IsPrimaryKey ? ("Primary key", TokenKind.PRIMARY) : ("Unique constraint", TokenKind.UNIQUE);
                    CheckKey(check, (key.Declared.Table, what, key.Columns, key.Declared.Location, keyword)!);
                });
            }
        }
    }

    private static void CheckKey(CatalogContext check, (QualifiedName Table, string What, IReadOnlyList<string> KeyColumns, int? KeyLocation, TokenKind Keyword) key)
    {
        var missing = check.Catalog.FindTable(key.Table)?.PartitionKeyColumns?.Where(column => !key.KeyColumns.Contains(column)).ToList();
        if (missing is { Count: > 0 })
        {
            var span = key.KeyLocation is { } location ? TableDefinitionNodes.KeywordSpan(check.Statement, location, key.Keyword) : UniqueKeyword(check.Statement);
            check.Report(span, key.What, key.Table.ToString(), string.Join(", ", missing.Select(c => "\"" + c + "\"")));
        }
    }
}
