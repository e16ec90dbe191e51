using System.Text.RegularExpressions;

namespace YbMigrate.Migration.Verify;

/// <summary>
/// Definitions as compared: whitespace collapsed, and what a YugabyteDB target prints on its own
/// removed from index definitions (the lsm method, HASH/ASC key columns, SPLIT and colocation
/// options), so an index made from the same DDL compares equal on PostgreSQL and YugabyteDB.
/// </summary>
public static partial class DefinitionText
{
    /// <summary>Runs of whitespace as one space, trimmed.</summary>
    public static string Collapse(string definition) => Whitespace().Replace(definition, " ").Trim();

    /// <summary>An index definition (pg_get_indexdef) in PostgreSQL's form.</summary>
    public static string Index(string definition)
    {
        var text = Collapse(definition);
        text = Split().Replace(text, "");
        text = Colocation().Replace(text, "");
        text = text.Replace(" USING lsm ", " USING btree ").Replace(" USING ybgin ", " USING gin ");
        text = HashedColumns().Replace(text, "$1");
        return Ordering().Replace(text, "");
    }

    /// <summary>A constraint definition (pg_get_constraintdef); a primary key's index options as <see cref="Index"/>.</summary>
    public static string Constraint(string definition) => Ordering().Replace(HashedColumns().Replace(Split().Replace(Collapse(definition), ""), "$1"), "");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    // SPLIT INTO 4 TABLETS, SPLIT AT VALUES ((100), (200))
    [GeneratedRegex(@"\s+SPLIT\s+(?:INTO\s+\d+\s+TABLETS|AT\s+VALUES\s+\((?:[^()]|\((?:[^()]|\([^()]*\))*\))*\))", RegexOptions.IgnoreCase)]
    private static partial Regex Split();

    // WITH (colocation = false) / WITH (colocated = true), alone in the WITH list
    [GeneratedRegex(@"\s+WITH\s+\(\s*coloca(?:tion|ted)\s*=\s*\w+\s*\)", RegexOptions.IgnoreCase)]
    private static partial Regex Colocation();

    // "((a, b) HASH, c ASC)": the hash group's parentheses dropped
    [GeneratedRegex(@"\(([^()]*)\)\s+HASH\b", RegexOptions.IgnoreCase)]
    private static partial Regex HashedColumns();

    // a key column's " HASH" or " ASC" (PostgreSQL prints neither: ascending is its default)
    [GeneratedRegex(@"\s+(?:HASH|ASC)(?=\s*[,)])", RegexOptions.IgnoreCase)]
    private static partial Regex Ordering();
}
