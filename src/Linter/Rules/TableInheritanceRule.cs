using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Rules;

/// <summary>YB1021: table inheritance, with INHERITS (...) or ALTER TABLE ... INHERIT.</summary>
public sealed class TableInheritanceRule : SqlRule
{
    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB1021",
        "Table inheritance",
        Severity.Error,
        RuleCategory.UnsupportedFeature,
        Availability.Never.WithPreview("2025.1", "ysql_enable_inheritance"),
        "Table inheritance is not supported by this YugabyteDB version: use declarative partitioning (PARTITION BY / PARTITION OF) or separate tables",
        new RuleDocs(
            "`CREATE TABLE ... INHERITS (parent, ...)` (and the same on a foreign table) and `ALTER TABLE ... INHERIT parent`. Declarative partitions (`PARTITION OF`) are not inheritance in this sense and are not reported.",
            "YugabyteDB does not support classic table inheritance in its generally available releases; from 2025.1 it is a preview that has to be enabled with the server flag ysql_enable_inheritance. Without the flag the statements fail, and queries on the parent would not see the children's rows.",
            "When the hierarchy partitions data (one child per month, region...), rewrite it with declarative partitioning. Otherwise copy the parent's columns into each child and query the children with UNION ALL (e.g. through a view). On 2025.1 or later you can also enable the preview with ysql_enable_inheritance=true.",
            "CREATE TABLE measurements_2024 (CHECK (at >= '2024-01-01' AND at < '2025-01-01')) INHERITS (measurements);",
            "CREATE TABLE measurements_2024 PARTITION OF measurements FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');"));

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration)
    {
        registration.RegisterNodeAction(CreateTable, "CreateStmt", "CreateForeignTableStmt");
        registration.RegisterNodeAction(AlterTable, "AlterTableStmt");
    }

    private static void CreateTable(NodeContext context)
    {
        var table = context.Kind == "CreateForeignTableStmt" ? context.Node.Field("base") : context.Node;
        if (table.Has("partbound") || table.Field("inhRelations").GetArrayLength() == 0)
        {
            return;
        }

        var inherits = context.Statement.FindToken(TokenKind.INHERITS);
        context.Report(inherits < 0 ? context.Statement.TokenSpanAt(-1) : context.Statement.Tokens[inherits].Span);
    }

    private static void AlterTable(NodeContext context)
    {
        foreach (var item in context.Node.Items("cmds"))
        {
            // NO INHERIT only undoes inheritance, so it is not reported.
            if (item.Is("AlterTableCmd", out var command) && command.Str("subtype") == "AT_AddInherit")
            {
                context.Report(InheritKeywordSpan(context.Statement, command.Field("def").Field("RangeVar").Location()));
            }
        }
    }

    // The INHERIT keyword just before the parent's name.
    private static TextSpan InheritKeywordSpan(StatementContext statement, int parentLocation)
    {
        var parent = statement.TokenIndexAt(statement.ToSourceOffset(parentLocation));
        for (var i = parent - 1; i >= 0; i--)
        {
            if (statement.Tokens[i].Kind == TokenKind.INHERIT)
            {
                return statement.Tokens[i].Span;
            }
        }

        return statement.TokenSpanAt(parentLocation);
    }
}
