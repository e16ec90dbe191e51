using System.IO;
using YbMigrate.Linter.Engine;

namespace YbMigrate.Linter.Reporting;

/// <summary>Writes a lint result in one output format.</summary>
public interface IFindingsWriter
{
    /// <summary>Writes every finding of <paramref name="result"/>, and a summary, to <paramref name="output"/>.</summary>
    void Write(LintResult result, TextWriter output);
}

/// <summary>The output formats by name.</summary>
public static class FindingsWriters
{
    /// <summary>The format names: text, json, sarif, github.</summary>
    public static string[] Names { get; } = { "text", "json", "sarif", "github" };

    /// <summary>The writer for <paramref name="format"/>, or null when unknown.</summary>
    public static IFindingsWriter? For(string format) => format switch
    {
        "text" => new TextFindingsWriter(),
        "json" => new JsonFindingsWriter(),
        "sarif" => new SarifFindingsWriter(),
        "github" => new GitHubFindingsWriter(),
        _ => null,
    };

    internal static string SeverityName(Severity severity) => severity.ToString().ToLowerInvariant();
}
