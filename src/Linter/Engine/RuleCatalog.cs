using System;
using System.Collections.Generic;
using System.Linq;

namespace YbMigrate.Linter.Engine;

/// <summary>Every rule of the catalog: the non-abstract <see cref="SqlRule"/> classes of this assembly.</summary>
public static class RuleCatalog
{
    private static readonly Lazy<IReadOnlyList<SqlRule>> Rules = new(Discover);

    /// <summary>The rules, ordered by id.</summary>
    public static IReadOnlyList<SqlRule> All => Rules.Value;

    /// <summary>Every descriptor the linter can report: the engine's own and the rules', by id.</summary>
    public static IReadOnlyList<RuleDescriptor> Descriptors =>
        EngineDiagnostics.All.Concat(All.Select(r => r.Descriptor)).OrderBy(d => d.Id, StringComparer.Ordinal).ToList();

    /// <summary>The descriptor with <paramref name="id"/>, or null.</summary>
    public static RuleDescriptor? Find(string id) =>
        Descriptors.FirstOrDefault(d => string.Equals(d.Id, id, StringComparison.OrdinalIgnoreCase));

    private static IReadOnlyList<SqlRule> Discover() =>
        typeof(SqlRule).Assembly.GetTypes()
            .Where(t => typeof(SqlRule).IsAssignableFrom(t) && !t.IsAbstract && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (SqlRule)Activator.CreateInstance(t)!)
            .OrderBy(r => r.Descriptor.Id, StringComparer.Ordinal)
            .ToList();
}
