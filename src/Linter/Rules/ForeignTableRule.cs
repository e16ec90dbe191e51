using YbMigrate.Linter.Catalog;
using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Rules;

/// <summary>YB1020: CREATE FOREIGN TABLE, which needs a foreign server and user mapping on the target.</summary>
public sealed class ForeignTableRule : SqlRule
{
    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB1020",
        "Foreign table needs a server and user mapping on the target",
        Severity.Warning,
        RuleCategory.Caveat,
        Availability.Never,
        "Foreign table \"{0}\" uses server \"{1}\": create the foreign data wrapper extension, the server and a user mapping on YugabyteDB by hand before this statement, or it fails",
        new RuleDocs(
            "`CREATE FOREIGN TABLE ... SERVER name`.",
            "YugabyteDB supports foreign tables through postgres_fdw and file_fdw, so the statement itself is valid. But the foreign server and the user mappings it depends on hold connection details and credentials that belong to the source environment; they are not migrated with the schema and must be created on the target by hand. Until then the CREATE FOREIGN TABLE fails. It is a warning rather than an error because the statement works once they exist.",
            "On the target, run `CREATE EXTENSION postgres_fdw` (or the wrapper in use), `CREATE SERVER` with options that point to a host reachable from the YugabyteDB nodes, and `CREATE USER MAPPING` for the roles that query the table, before creating the foreign table.",
            "CREATE FOREIGN TABLE remote_orders (id bigint, total numeric) SERVER legacy_db OPTIONS (table_name 'orders');",
            "CREATE EXTENSION IF NOT EXISTS postgres_fdw;\nCREATE SERVER legacy_db FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'legacy.internal', dbname 'shop');\nCREATE USER MAPPING FOR app_user SERVER legacy_db OPTIONS (user 'reader', password '...');\nCREATE FOREIGN TABLE remote_orders (id bigint, total numeric) SERVER legacy_db OPTIONS (table_name 'orders');"));

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterNodeAction(Analyze, "CreateForeignTableStmt");

    private static void Analyze(NodeContext context)
    {
        var statement = context.Statement;
        var table = QualifiedName.FromRangeVar(context.Node.Field("base").Field("relation"));
        var foreign = statement.FindToken(TokenKind.FOREIGN);
        var keyword = statement.NextToken(foreign);
        var span = foreign < 0 || keyword < 0 ? statement.TokenSpanAt(-1) : statement.SpanOfTokens(foreign, keyword);
        context.Report(span, table.ToString(), context.Node.Str("servername") ?? string.Empty);
    }
}
