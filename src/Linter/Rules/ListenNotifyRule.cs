using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;

namespace YbMigrate.Linter.Rules;

/// <summary>YB3015: LISTEN, NOTIFY, UNLISTEN and pg_notify().</summary>
public sealed class ListenNotifyRule : SqlRule
{
    private static readonly string[] Functions = { "pg_notify" };

    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB3015",
        "LISTEN / NOTIFY",
        Severity.Error,
        RuleCategory.UnsupportedFeature,
        Availability.Never.WithPreview("2025.2.3", "ysql_yb_enable_listen_notify"),
        "{0} is not supported by YugabyteDB: deliver the events through a queue table polled by the listeners, or an external message broker",
        new RuleDocs(
            "The `LISTEN`, `NOTIFY` and `UNLISTEN` statements and the `pg_notify()` function, in scripts and function bodies (a trigger that calls `pg_notify` is the usual case).",
            "YugabyteDB does not have PostgreSQL's asynchronous notification channel in general availability: from 2025.2.3 it is a preview behind the server flag `ysql_yb_enable_listen_notify`, and before that the statements fail.",
            "Turn the preview flag on (2025.2.3 or later) if a preview feature is acceptable. Otherwise write events to a queue table that consumers poll (`SELECT ... FOR UPDATE SKIP LOCKED`), or publish them to a message broker from the application (or from YugabyteDB's change data capture stream).",
            "CREATE FUNCTION order_created() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  PERFORM pg_notify('orders', NEW.id::text);\n  RETURN NEW;\nEND $$;",
            "CREATE FUNCTION order_created() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  INSERT INTO order_events (order_id) VALUES (NEW.id);\n  RETURN NEW;\nEND $$;"));

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration)
    {
        BuiltinFunctionCalls.Register(registration, Functions);
        registration.RegisterNodeAction(context => context.Report(StatementTokens.Leading(context.Statement, 1), "LISTEN"), "ListenStmt");
        registration.RegisterNodeAction(context => context.Report(StatementTokens.Leading(context.Statement, 1), "NOTIFY"), "NotifyStmt");
        registration.RegisterNodeAction(context => context.Report(StatementTokens.Leading(context.Statement, 1), "UNLISTEN"), "UnlistenStmt");
    }
}
