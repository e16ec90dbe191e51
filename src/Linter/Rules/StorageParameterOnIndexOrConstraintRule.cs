using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;

namespace YbMigrate.Linter.Rules;

/// <summary>YB1004: storage parameters (<c>WITH (fillfactor = ..)</c>) on an index or on a constraint's index.</summary>
public sealed class StorageParameterOnIndexOrConstraintRule : SqlRule
{
    // Options YugabyteDB itself defines for indexes and tables: they are not PostgreSQL storage parameters.
    private static readonly HashSet<string> YugabyteOptions = new(StringComparer.OrdinalIgnoreCase)
    {
        "colocation", "colocated", "colocation_id", "table_oid",
    };

    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB1004",
        "Storage parameters on an index or constraint",
        Severity.Error,
        RuleCategory.UnsupportedFeature,
        Availability.Never,
        "Storage parameters on {0} ({1}) are not supported by YugabyteDB: remove the WITH (...) clause",
        new RuleDocs(
            "A `WITH (...)` storage parameter list (fillfactor, deduplicate_items, fastupdate, gin_pending_list_limit, ...) on `CREATE INDEX`, or on a PRIMARY KEY, UNIQUE or EXCLUDE constraint, whether declared in CREATE TABLE or added with ALTER TABLE ... ADD CONSTRAINT. YugabyteDB's own `WITH (colocation_id = ..)` is not flagged, nor is `WITH (...)` on CREATE TABLE itself.",
            "These parameters tune PostgreSQL's heap and B-tree pages. YugabyteDB stores indexes in its distributed LSM storage, which has no pages to fill, and rejects the clause, so the index or constraint is not created.",
            "Remove the WITH (...) clause; the automatic fix does so. Nothing is lost: the parameters have no counterpart in YugabyteDB.",
            "CREATE INDEX orders_customer_idx ON orders (customer_id) WITH (fillfactor = 70);\nALTER TABLE orders ADD CONSTRAINT orders_ref_key UNIQUE (ref) WITH (fillfactor = 90);",
            "CREATE INDEX orders_customer_idx ON orders (customer_id);\nALTER TABLE orders ADD CONSTRAINT orders_ref_key UNIQUE (ref);"),
        hasFix: true);

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration)
    {
        registration.RegisterNodeAction(context => Check(context, "an index"), "IndexStmt");
        registration.RegisterNodeAction(context => Check(context, "a constraint"), "Constraint");
    }

    private static void Check(NodeContext context, string owner)
    {
        if (!context.Node.Has("options"))
        {
            return;
        }

        var options = context.Node.DefElems("options").ToList();
        var storageParameters = options.Select(o => o.Str("defname") ?? string.Empty).Where(n => !YugabyteOptions.Contains(n)).ToList();
        if (storageParameters.Count == 0)
        {
            return;
        }

        var statement = context.Statement;
        var names = string.Join(", ", storageParameters);
        if (!statement.TryFindWithClause(options[0], out var with, out var close))
        {
            context.ReportAt(options[0].Location(), owner, names);
            return;
        }

        // Keep the clause when it also carries YugabyteDB's own options: the user must split it by hand.
        var fix = storageParameters.Count == options.Count ? statement.DeleteTokens("Remove the WITH (...) clause", with, close) : null;
        context.ReportWithFix(statement.SpanOfTokens(with, close), fix, owner, names);
    }
}
