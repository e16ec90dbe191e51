using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Rules;

/// <summary>YB1047: ALTER SYSTEM SET / RESET.</summary>
public sealed class AlterSystemRule : SqlRule
{
    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB1047",
        "ALTER SYSTEM",
        Severity.Error,
        RuleCategory.UnsupportedFeature,
        Availability.Never,
        "ALTER SYSTEM is not supported by YugabyteDB: set server parameters through the yb-tserver flag ysql_pg_conf_csv, or per database or role with ALTER DATABASE / ALTER ROLE .. SET",
        new RuleDocs(
            "`ALTER SYSTEM SET parameter ..`, `ALTER SYSTEM RESET parameter` and `ALTER SYSTEM RESET ALL`.",
            "ALTER SYSTEM writes postgresql.auto.conf on the one server it runs on. A YugabyteDB cluster has a PostgreSQL layer on every node, configured through YugabyteDB's own flags, and rejects ALTER SYSTEM.",
            "Set cluster-wide defaults with the yb-tserver flag `--ysql_pg_conf_csv` (in YugabyteDB Anywhere or Aeon through the flag settings), or scope them with `ALTER DATABASE .. SET` / `ALTER ROLE .. SET`, or `SET` in the session.",
            "ALTER SYSTEM SET statement_timeout = '30s';",
            "ALTER DATABASE app SET statement_timeout = '30s';"));

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterNodeAction(Analyze, "AlterSystemStmt");

    private static void Analyze(NodeContext context) =>
        context.Report(OlderDdlSyntax.SequenceSpan(context.Statement, 0, TokenKind.ALTER, TokenKind.SYSTEM_P));
}
