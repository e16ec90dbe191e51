using System.IO;
using YbMigrate.Linter.Engine;

namespace YbMigrate.Linter.Tests.Rules;

/// <summary>The real Chinook PostgreSQL script from ../shared (tables, then foreign keys with their indexes, then INSERTs).</summary>
internal static class ChinookScript
{
    public static string Text => File.ReadAllText(RepositoryPaths.ChinookPostgreSql);

    /// <summary>The text of a finding's span.</summary>
    public static string SpanText(string sql, Finding finding) => sql.Substring(finding.Span.Start, finding.Span.Length);
}
