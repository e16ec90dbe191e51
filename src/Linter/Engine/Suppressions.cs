using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace YbMigrate.Linter.Engine;

/// <summary>
/// Inline suppressions in SQL comments:
/// <c>-- yb-migrate:disable-next-statement YB1001, YB1002</c> before a statement, and
/// <c>-- yb-migrate:disable-file YB1001</c> anywhere in a file. Without ids, every rule is off.
/// </summary>
internal sealed class Suppressions
{
    internal const string NextStatementDirective = "yb-migrate:disable-next-statement";
    internal const string FileDirective = "yb-migrate:disable-file";

    private static readonly Regex Directive = new(
        @"yb-migrate:(?<scope>disable-next-statement|disable-file)(?<ids>(?:[ \t,]+YB\d{4})*)",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    private static readonly Suppressions None = new(new HashSet<string>(), false);

    private readonly HashSet<string> _ids;
    private readonly bool _all;

    private Suppressions(HashSet<string> ids, bool all)
    {
        _ids = ids;
        _all = all;
    }

    public bool IsEmpty => !_all && _ids.Count == 0;

    public static Suppressions ForFile(string text) =>
        text.IndexOf(FileDirective, StringComparison.OrdinalIgnoreCase) < 0 ? None : Read(text, "disable-file");

    public static Suppressions ForStatement(string text, PgQuery.TextSpan leadingTrivia, Suppressions file) =>
        text.IndexOf(NextStatementDirective, leadingTrivia.Start, leadingTrivia.Length, StringComparison.OrdinalIgnoreCase) < 0
            ? file
            : file.Union(Read(text.Substring(leadingTrivia.Start, leadingTrivia.Length), "disable-next-statement"));

    public bool Suppresses(string ruleId) => _all || _ids.Contains(ruleId);

    private Suppressions Union(Suppressions other) =>
        new(new HashSet<string>(_ids.Concat(other._ids), StringComparer.OrdinalIgnoreCase), _all || other._all);

    private static Suppressions Read(string text, string scope)
    {
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var all = false;
        foreach (Match match in Directive.Matches(text))
        {
            if (!string.Equals(match.Groups["scope"].Value, scope, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var listed = Regex.Matches(match.Groups["ids"].Value, @"YB\d{4}", RegexOptions.IgnoreCase).Cast<Match>().Select(m => m.Value.ToUpperInvariant()).ToList();
            all |= listed.Count == 0;
            ids.UnionWith(listed);
        }

        return new Suppressions(ids, all);
    }
}
