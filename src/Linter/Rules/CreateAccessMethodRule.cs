using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Rules;

/// <summary>YB1033: CREATE ACCESS METHOD.</summary>
public sealed class CreateAccessMethodRule : SqlRule
{
    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB1033",
        "CREATE ACCESS METHOD",
        Severity.Error,
        RuleCategory.UnsupportedFeature,
        Availability.Never,
        "CREATE ACCESS METHOD {0} is not supported by YugabyteDB, whose storage is its own distributed LSM engine: remove the statement and the USING clauses that refer to the method",
        new RuleDocs(
            "`CREATE ACCESS METHOD name TYPE TABLE | INDEX HANDLER function`, in any form.",
            "Table and index access methods plug a storage implementation into PostgreSQL's local heap and page layout. YugabyteDB stores every table and index in DocDB, its replicated LSM storage, and cannot load other access methods: the statement fails, and so do tables or indexes created `USING` the method.",
            "Remove the statement and create the tables and indexes that used the method with YugabyteDB's own methods (the default lsm, or gin).",
            "CREATE ACCESS METHOD columnar TYPE TABLE HANDLER columnar_handler;\nCREATE TABLE events (id bigint PRIMARY KEY, payload jsonb) USING columnar;",
            "CREATE TABLE events (id bigint PRIMARY KEY, payload jsonb);"));

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterNodeAction(Analyze, "CreateAmStmt");

    private static void Analyze(NodeContext context) =>
        context.Report(
            OlderDdlSyntax.SequenceSpan(context.Statement, 0, TokenKind.CREATE, TokenKind.ACCESS, TokenKind.METHOD),
            context.Node.Str("amname") ?? string.Empty);
}
