using System;
using System.Collections.Concurrent;

namespace YbMigrate.Linter.Engine;

/// <summary>
/// Names that a rule's node callbacks collect over a run (the functions or roles the scripts
/// create) for its deferred checks to read. Node callbacks run on several parse workers at once,
/// so state a rule keeps from one statement to the next lives in a set like this one, made in
/// <see cref="SqlRule.Initialize"/>; deferred checks run after the last statement, when every
/// name is in.
/// </summary>
public sealed class RunNameSet
{
    private readonly ConcurrentDictionary<string, bool> _names = new(StringComparer.Ordinal);

    /// <summary>Adds a name (safe from any thread).</summary>
    public void Add(string name) => _names.TryAdd(name, true);

    /// <summary>True when the name was added.</summary>
    public bool Contains(string name) => _names.ContainsKey(name);
}
