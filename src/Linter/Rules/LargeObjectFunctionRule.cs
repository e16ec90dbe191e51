using System.Linq;
using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Rules;

/// <summary>YB3008: the server-side large object functions (lo_create, lo_import, loread, ...), and lo_manage triggers.</summary>
public sealed class LargeObjectFunctionRule : SqlRule
{
    private const string TriggerFunction = "lo_manage";

    private static readonly string[] Functions =
    {
        "lo_creat", "lo_create", "lo_import", "lo_export", "lo_open", "lo_close", "lo_unlink",
        "lo_get", "lo_put", "lo_from_bytea", "loread", "lowrite",
        "lo_lseek", "lo_lseek64", "lo_tell", "lo_tell64", "lo_truncate", "lo_truncate64", TriggerFunction,
    };

    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB3008",
        "Large object function",
        Severity.Error,
        RuleCategory.UnsupportedFeature,
        Availability.Never,
        "YugabyteDB has no large objects, so {0}() fails: store the content in a bytea column (or in object storage, keeping a reference)",
        new RuleDocs(
            "Calls of the server-side large object functions: `lo_create`, `lo_creat`, `lo_import`, `lo_export`, `lo_open`, `lo_close`, `lo_unlink`, `lo_get`, `lo_put`, `lo_from_bytea`, `loread`, `lowrite`, `lo_lseek`, `lo_tell`, `lo_truncate` (and their 64-bit forms), and `lo_manage` from the lo extension, also when a trigger executes it.",
            "YugabyteDB does not implement PostgreSQL's large object store (`pg_largeobject`), so every function that creates, reads or writes a large object fails, and the `lo_manage` trigger has nothing to manage.",
            "Keep the content in a `bytea` column of the row (YugabyteDB handles values of a few MB well), or in external object storage with its key in the table. Replace `lo_import`/`lo_export` by reading and writing the file in the application.",
            "INSERT INTO documents (id, body_oid) VALUES (1, lo_import('/tmp/report.pdf'));",
            "INSERT INTO documents (id, body) VALUES (1, $1);  -- the file's bytes, sent by the application as bytea"));

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration)
    {
        BuiltinFunctionCalls.Register(registration, Functions);
        registration.RegisterNodeAction(Trigger, "CreateTrigStmt");
    }

    private static void Trigger(NodeContext context)
    {
        if (context.Node.Names("funcname").LastOrDefault() != TriggerFunction)
        {
            return;
        }

        var statement = context.Statement;
        var execute = statement.FindToken(TokenKind.EXECUTE);
        var name = execute < 0 ? -1 : statement.FindIdentifier(TriggerFunction, statement.Tokens[execute].Span.End);
        context.Report(name < 0 ? statement.TokenSpanAt(-1) : statement.Tokens[name].Span, TriggerFunction);
    }
}
