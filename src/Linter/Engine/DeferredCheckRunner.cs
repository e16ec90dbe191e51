using System;
using System.Collections.Generic;
using YbMigrate.Linter.Catalog;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Engine;

/// <summary>
/// Runs the deferred whole-schema checks once the catalog is complete, on whichever thread calls
/// it: one instance per worker. The catalog is only read by then, and a statement's checks are
/// consecutive, so the checks of one statement run on one thread (sharing one token scan) and
/// statements run in parallel; each call returns its findings for the run to append in order.
/// </summary>
internal sealed class DeferredCheckRunner
{
    private readonly IReadOnlyList<DeferredCheck> _checks;
    private readonly RuleSet _rules;
    private readonly CatalogContext _context;
    private List<Finding>? _findings;

    public DeferredCheckRunner(IReadOnlyList<DeferredCheck> checks, SchemaCatalog catalog, RuleSet rules)
    {
        _checks = checks;
        _rules = rules;
        _context = new CatalogContext(this, catalog);
    }

    /// <summary>
    /// The index in <paramref name="checks"/> where each statement's checks start, followed by the
    /// count: statement <c>i</c>'s checks are from <c>starts[i]</c> to <c>starts[i + 1]</c>.
    /// </summary>
    public static int[] StatementStarts(IReadOnlyList<DeferredCheck> checks)
    {
        var starts = new List<int>();
        for (var i = 0; i < checks.Count; i++)
        {
            if (i == 0 || checks[i].Statement != checks[i - 1].Statement)
            {
                starts.Add(i);
            }
        }

        starts.Add(checks.Count);
        return starts.ToArray();
    }

    /// <summary>Runs checks <paramref name="first"/> to <paramref name="end"/> (one statement's); their findings, or null.</summary>
    public List<Finding>? Run(int first, int end)
    {
        _findings = null;
        for (var i = first; i < end; i++)
        {
            var deferred = _checks[i];
            _context.Start(deferred.Rule, deferred.Statement, deferred.Suppressions);
            try
            {
                deferred.Check(_context);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Add(_rules.Failure(deferred.Rule, deferred.Statement, deferred.Suppressions, ex));
            }
        }

        _checks[first].Statement.ReleaseTokens();
        return _findings;
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
