using System.IO;

namespace YbMigrate.Linter.Tests.Rules;

/// <summary>The real Chinook PostgreSQL script (tables, then foreign keys with their indexes, then INSERTs).</summary>
internal static class ChinookScript
{
    public const string Path = "/work/shared/fixtures/chinook/Chinook_PostgreSql.sql";

    public static string Text => File.ReadAllText(Path);

    /// <summary>The text of a finding's span.</summary>
    public static string SpanText(string sql, Engine.Finding finding) => sql.Substring(finding.Span.Start, finding.Span.Length);
}
