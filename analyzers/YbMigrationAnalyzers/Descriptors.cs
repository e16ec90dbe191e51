using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using YbMigrate.Linter.Engine;

namespace YbMigrationAnalyzers;

/// <summary>One diagnostic descriptor per linter rule, plus the analyzer's own two.</summary>
internal static class Descriptors
{
    private const string HelpBase = RuleDescriptor.DocsBaseUri;

    /// <summary>YB0003: the analyzer itself failed on one SQL text (a bug, reported instead of AD0001).</summary>
    public static readonly DiagnosticDescriptor AnalyzerFailure = new(
        "YB0003",
        "The analyzer failed on this SQL",
        "The YugabyteDB analyzer failed on this SQL ({0}); it was not checked. Please report it.",
        "Syntax",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "An internal failure of the analyzer on one SQL text; the other SQL is still checked.",
        helpLinkUri: HelpBase);

    /// <summary>YB0004: libpg_query is missing, so no SQL can be checked (once per compilation).</summary>
    public static readonly DiagnosticDescriptor ParserMissing = new(
        "YB0004",
        "libpg_query was not found",
        "SQL is not checked for YugabyteDB: {0}",
        "Syntax",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "The analyzer parses SQL with libpg_query (the PostgreSQL parser); install it with 'apt-get install libpg-query-dev' or set YB_MIGRATE_LIBPG_QUERY to its absolute path.",
        helpLinkUri: HelpBase);

    private static readonly Lazy<IReadOnlyDictionary<string, DiagnosticDescriptor>> ByIdLazy = new(Build);

    /// <summary>The descriptor of a linter rule, by id.</summary>
    public static IReadOnlyDictionary<string, DiagnosticDescriptor> ById => ByIdLazy.Value;

    /// <summary>Everything the analyzer can report.</summary>
    public static ImmutableArray<DiagnosticDescriptor> All { get; } =
        ById.Values.Concat(new[] { AnalyzerFailure, ParserMissing }).OrderBy(d => d.Id, StringComparer.Ordinal).ToImmutableArray();

    private static IReadOnlyDictionary<string, DiagnosticDescriptor> Build()
    {
        var map = new Dictionary<string, DiagnosticDescriptor>(StringComparer.OrdinalIgnoreCase);
        foreach (var rule in RuleCatalog.Descriptors)
        {
            map[rule.Id] = new DiagnosticDescriptor(
                rule.Id,
                rule.Title,
                "{0}",
                rule.Category.ToString(),
                ToRoslyn(rule.DefaultSeverity),
                isEnabledByDefault: true,
                description: rule.Docs.Detects,
                helpLinkUri: rule.HelpUri);
        }

        return map;
    }

    public static DiagnosticSeverity ToRoslyn(Severity severity) => severity switch
    {
        Severity.Error => DiagnosticSeverity.Error,
        Severity.Warning => DiagnosticSeverity.Warning,
        _ => DiagnosticSeverity.Info,
    };
}
