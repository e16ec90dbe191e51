using System.IO;
using YbMigrate.Linter.Engine;

namespace YbMigrate.Linter.Reporting;

/// <summary>GitHub Actions workflow commands (<c>::error file=..,line=..::message</c>): annotations on the pull request.</summary>
public sealed class GitHubFindingsWriter : IFindingsWriter
{
    /// <inheritdoc />
    public void Write(LintResult result, TextWriter output)
    {
        foreach (var finding in result.Findings)
        {
            var level = finding.Severity switch
            {
                Severity.Error => "error",
                Severity.Warning => "warning",
                _ => "notice",
            };
            output.WriteLine(
                $"::{level} file={Property(finding.Source.Path)},line={finding.Start.Line},col={finding.Start.Column}," +
                $"endLine={finding.End.Line},endColumn={finding.End.Column},title={Property(finding.Rule.Id + " " + finding.Rule.Title)}::{Data(finding.Message)}");
        }

        output.WriteLine(TextFindingsWriter.Summary(result));
    }

    // Escaping as the runner's workflow command parser expects.
    private static string Data(string text) => text.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");

    private static string Property(string text) => Data(text).Replace(":", "%3A").Replace(",", "%2C");
}
