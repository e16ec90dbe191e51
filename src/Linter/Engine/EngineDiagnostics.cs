using YbMigrate.Linter.Versions;

namespace YbMigrate.Linter.Engine;

/// <summary>Diagnostics the engine itself reports, beside the rule catalog.</summary>
public static class EngineDiagnostics
{
    /// <summary>YB0001: a statement the PostgreSQL parser rejects.</summary>
    public static RuleDescriptor SyntaxError { get; } = new(
        "YB0001",
        "Statement does not parse",
        Severity.Error,
        RuleCategory.Syntax,
        Availability.Never,
        "{0}",
        new RuleDocs(
            "A statement that the PostgreSQL 15 parser (libpg_query) rejects, with the parser's message and position.",
            "A statement that PostgreSQL cannot parse will not run on YugabyteDB either, and the linter cannot check what it cannot parse. Linting goes on with the next statement.",
            "Correct the syntax. psql meta-commands (`\\c`, `\\set`, ...) and inline `COPY ... FROM stdin` data are recognised and skipped, so they are not reported.",
            "CREATE TABEL t (id int);",
            "CREATE TABLE t (id int);"));

    /// <summary>YB0002: a rule failed on a statement (a bug in the linter, reported instead of crashing).</summary>
    public static RuleDescriptor RuleFailure { get; } = new(
        "YB0002",
        "Rule failed on a statement",
        Severity.Warning,
        RuleCategory.Syntax,
        Availability.Never,
        "Rule {0} failed on this statement ({1}); the statement was not fully checked. Please report it.",
        new RuleDocs(
            "An internal failure of a rule on one statement.",
            "The other rules and statements are still checked: one failure never stops a lint run, but this statement may have unreported problems.",
            "Report the statement to the project. Suppress the finding meanwhile if needed.",
            "-- any statement that makes a rule fail",
            "-- (no change: the report is for the linter's authors)"));

    /// <summary>Both engine diagnostics.</summary>
    public static RuleDescriptor[] All { get; } = { SyntaxError, RuleFailure };
}
