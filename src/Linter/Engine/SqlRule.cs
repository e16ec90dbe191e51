using System;
using System.Collections.Generic;

namespace YbMigrate.Linter.Engine;

/// <summary>
/// A rule of the catalog. A rule is one file under Rules/, named after what it detects, holding
/// its <see cref="Descriptor"/> and the callbacks it registers in <see cref="Initialize"/>.
/// <see cref="Initialize"/> runs once per lint run, so state created there is per run. Node and
/// parse-error callbacks run on the parse workers, several statements at once: they read only
/// their statement, keep state across statements only in a <see cref="RunNameSet"/>, and leave
/// what needs the schema of every statement to <see cref="NodeContext.AfterCatalog"/>, which runs
/// once the catalog is complete, on the workers, the checks of several statements at once: a
/// deferred check reads its statement and the catalog and changes no shared state. A check of every
/// key, index or foreign key walks the catalog once instead (<see cref="RuleRegistration.RegisterCatalogAction"/>).
/// </summary>
public abstract class SqlRule
{
    /// <summary>The rule's metadata and docs.</summary>
    public abstract RuleDescriptor Descriptor { get; }

    /// <summary>Registers the rule's callbacks for one lint run.</summary>
    public abstract void Initialize(RuleRegistration registration);
}

/// <summary>Where a rule says what it wants to look at.</summary>
public sealed class RuleRegistration
{
    internal RuleRegistration(RuleDescriptor rule) => Rule = rule;

    internal RuleDescriptor Rule { get; }

    internal List<(string[] Kinds, Action<NodeContext> Action)> NodeActions { get; } = new();

    internal List<Action<ParseErrorContext>> ParseErrorActions { get; } = new();

    internal List<Action<CatalogContext>> CatalogActions { get; } = new();

    /// <summary>
    /// Calls <paramref name="action"/> for every node of the given kinds (libpg_query node names,
    /// e.g. "IndexStmt", "FuncCall", "ColumnRef"), in top-level statements and in SQL embedded in
    /// PL/pgSQL bodies and DO blocks alike. The callback runs on the thread that parsed the statement
    /// (a parse worker in a long script), at the same time as callbacks on other statements.
    /// </summary>
    public void RegisterNodeAction(Action<NodeContext> action, params string[] kinds)
        => NodeActions.Add((kinds, action));

    /// <summary>
    /// Calls <paramref name="action"/> for every statement the parser rejects, so the rule can
    /// recognise syntax that PostgreSQL 15 does not have (the generic syntax error is then not reported
    /// when the rule reports).
    /// </summary>
    public void RegisterParseErrorAction(Action<ParseErrorContext> action) => ParseErrorActions.Add(action);

    /// <summary>
    /// After the deferred checks, with the complete catalog, calls <paramref name="action"/> for each
    /// statement that declared keys, indexes or foreign keys, with those entries as <c>Declarations</c>:
    /// a whole-schema check that walks the catalog's entries (and reports on each through
    /// <see cref="CatalogContext.CheckDeclared{T}"/>) instead of deferring a check for each. The calls
    /// run on the workers, several statements at once, so the action keeps no state between calls.
    /// An action that throws (not in a check) is reported on the statement it was walking.
    /// </summary>
    internal void RegisterCatalogAction(Action<CatalogContext> action) => CatalogActions.Add(action);
}
