using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;

namespace YbMigrate.Linter.Rules;

/// <summary>YB3001: the advisory lock functions (pg_advisory_lock and its variants).</summary>
public sealed class AdvisoryLockRule : SqlRule
{
    private static readonly string[] Functions =
    {
        "pg_advisory_lock", "pg_advisory_lock_shared", "pg_advisory_unlock", "pg_advisory_unlock_shared", "pg_advisory_unlock_all",
        "pg_advisory_xact_lock", "pg_advisory_xact_lock_shared",
        "pg_try_advisory_lock", "pg_try_advisory_lock_shared", "pg_try_advisory_xact_lock", "pg_try_advisory_xact_lock_shared",
    };

    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB3001",
        "Advisory lock function",
        Severity.Error,
        RuleCategory.UnsupportedFeature,
        Availability.Fixed("2025.1").WithPreview("2.25.1", "ysql_yb_enable_advisory_locks"),
        "Advisory lock function {0}() is not available in this YugabyteDB version: serialize the work with a row lock (SELECT ... FOR UPDATE on a lock table) instead",
        new RuleDocs(
            "Calls of the advisory lock functions: `pg_advisory_lock`, `pg_advisory_xact_lock`, `pg_advisory_unlock`, `pg_advisory_unlock_all`, the `pg_try_advisory_*` forms and the `*_shared` variants, in queries, views and function bodies.",
            "Advisory locks are generally available from YugabyteDB 2025.1; 2.25.1 has them only when the server flag `ysql_yb_enable_advisory_locks` is on, and older versions do not have the functions at all, so the call fails.",
            "Move to 2025.1 or later (or turn the preview flag on in 2.25), or replace the advisory lock by a row lock: keep one row per lock key in a small table and lock it with `SELECT ... FOR UPDATE` inside the transaction.",
            "SELECT pg_advisory_xact_lock(42);\nUPDATE counters SET n = n + 1 WHERE id = 42;",
            "SELECT 1 FROM app_locks WHERE lock_key = 42 FOR UPDATE;\nUPDATE counters SET n = n + 1 WHERE id = 42;"));

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration) => BuiltinFunctionCalls.Register(registration, Functions);
}
