using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Rules;

/// <summary>YB1043: ALTER TABLESPACE (RENAME, OWNER TO, SET / RESET options).</summary>
public sealed class AlterTablespaceRule : SqlRule
{
    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB1043",
        "ALTER TABLESPACE",
        Severity.Error,
        RuleCategory.UnsupportedFeature,
        Availability.Never,
        "ALTER TABLESPACE is not supported by YugabyteDB: create a tablespace with the wanted name, owner or placement and move objects to it with ALTER TABLE .. SET TABLESPACE",
        new RuleDocs(
            "`ALTER TABLESPACE name RENAME TO ..`, `ALTER TABLESPACE name OWNER TO ..` and `ALTER TABLESPACE name SET | RESET (..)`. CREATE TABLESPACE and `ALTER TABLE .. SET TABLESPACE` are not reported.",
            "In YugabyteDB a tablespace describes where the replicas of its tables are placed in the cluster (`replica_placement`), not a directory, and an existing tablespace cannot be altered. PostgreSQL's tablespace options (seq_page_cost, random_page_cost, effective_io_concurrency) have no meaning there.",
            "Drop the statement. To change a tablespace, create a new one (with the placement it should have), move the tables and indexes into it with `ALTER TABLE .. SET TABLESPACE`, then drop the old one.",
            "ALTER TABLESPACE fast_disk RENAME TO hot_data;",
            "CREATE TABLESPACE hot_data WITH (replica_placement = '{\"num_replicas\": 3, \"placement_blocks\": [...]}');\nALTER TABLE events SET TABLESPACE hot_data;"));

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterNodeAction(Analyze, "AlterTableSpaceOptionsStmt", "RenameStmt", "AlterOwnerStmt");

    private static void Analyze(NodeContext context)
    {
        var objectType = context.Kind switch
        {
            "RenameStmt" => context.Node.Str("renameType"),
            "AlterOwnerStmt" => context.Node.Str("objectType"),
            _ => "OBJECT_TABLESPACE",
        };
        if (objectType == "OBJECT_TABLESPACE")
        {
            context.Report(OlderDdlSyntax.SequenceSpan(context.Statement, 0, TokenKind.ALTER, TokenKind.TABLESPACE));
        }
    }
}
