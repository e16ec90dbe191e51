using System;
using System.Collections.Generic;
using YbMigrate.Linter.Catalog;
using YbMigrate.Linter.Syntax;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Engine;

/// <summary>
/// Runs the deferred whole-schema checks once the catalog is complete, then the rules' catalog
/// actions, on whichever thread calls it: one instance per worker. The catalog is only read by
/// then, so the checks of one statement (or the actions on the entries it declared) run on one
/// thread, sharing one token scan, and statements run in parallel; each call returns its findings
/// for the run to append in order.
/// </summary>
internal sealed class DeferredCheckRunner
{
    private readonly RuleSet _rules;
    private readonly CatalogContext _context;
    private List<Finding>? _findings;
    private StatementContext? _scanned;

    public DeferredCheckRunner(SchemaCatalog catalog, RuleSet rules)
    {
        _rules = rules;
        _context = new CatalogContext(this, catalog);
    }

    /// <summary>Runs the checks one top-level statement deferred (its own and those of SQL in its routine body); their findings, or null.</summary>
    public List<Finding>? Run(DeferredCheck[] checks)
    {
        _findings = null;
        for (var i = 0; i < checks.Length; i++)
        {
            var deferred = checks[i];
            _context.Start(deferred.Rule, deferred.Statement, deferred.Suppressions);
            try
            {
                deferred.Run(_context);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Add(_rules.Failure(deferred.Rule, deferred.Statement, deferred.Suppressions, ex));
            }

            if (i + 1 == checks.Length || checks[i + 1].Statement != deferred.Statement)
            {
                deferred.Statement.ReleaseTokens(); // a statement's checks are consecutive: they share one scan
            }
        }

        return _findings;
    }

    /// <summary>
    /// Runs every rule's catalog action on the entries one statement declared (its tokens scanned once
    /// for all of them): their findings, action after action, or null.
    /// </summary>
    public List<Finding>? RunCatalogActions(DeclaredEntries entries)
    {
        _findings = null;
        foreach (var (rule, action) in _rules.CatalogActions)
        {
            _context.StartCatalogAction(rule, entries);
            try
            {
                action(_context);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The walk itself failed, not one entry's check: reported on the statement it was walking; the lint goes on.
                Add(_rules.Failure(rule, entries.Statement, entries.Statement.Suppressions, ex));
            }
        }

        _scanned?.ReleaseTokens();
        _scanned = null;
        PerformanceNodes.ConstraintSite.ForgetLast(); // the rules shared it for this statement's entries only
        return _findings;
    }

    /// <summary>A catalog action's check of one entry, reported on the statement that declared it.</summary>
    public void CheckDeclared<T>(RuleDescriptor rule, StatementContext statement, T value, Action<CatalogContext, T> check)
    {
        if (_scanned != statement)
        {
            _scanned?.ReleaseTokens(); // entries are walked in declaration order: a statement's are consecutive and share one scan
            _scanned = statement;
        }

        _context.Start(rule, statement, statement.Suppressions);
        try
        {
            check(_context, value);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Add(_rules.Failure(rule, statement, statement.Suppressions, ex));
        }
    }

    public void Report(RuleDescriptor rule, StatementContext statement, Suppressions suppressions, TextSpan span, Fix? fix, object[] messageArgs) =>
        Add(_rules.Finding(rule, statement, suppressions, span, fix, messageArgs));

    private void Add(Finding? finding)
    {
        if (finding is not null)
        {
            (_findings ??= new List<Finding>()).Add(finding);
        }
    }
}
