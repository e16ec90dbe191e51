using System;
using System.IO;
using System.Linq;
using YbMigrate.Linter.Engine;

namespace YbMigrate.Linter.Reporting;

/// <summary><c>file:line:col: severity YBnnnn message</c>, then the source line and a caret under the span.</summary>
public sealed class TextFindingsWriter : IFindingsWriter
{
    /// <inheritdoc />
    public void Write(LintResult result, TextWriter output)
    {
        foreach (var finding in result.Findings)
        {
            var start = finding.Start;
            output.WriteLine($"{finding.Source.Path}:{start.Line}:{start.Column}: {FindingsWriters.SeverityName(finding.Severity)} {finding.Rule.Id} {finding.Message}{(finding.Fix is null ? string.Empty : " [fixable]")}");
            var lines = finding.Source.Lines;
            var lineText = finding.Source.Text.Substring(lines.LineStart(start.Line), lines.LineEnd(start.Line, finding.Source.Text) - lines.LineStart(start.Line));
            var width = finding.End.Line == start.Line ? Math.Max(1, finding.End.Column - start.Column) : Math.Max(1, lineText.Length - start.Column + 1);
            output.WriteLine("    " + lineText.Replace('\t', ' '));
            output.WriteLine("    " + new string(' ', start.Column - 1) + "^" + new string('~', width - 1));
        }

        output.WriteLine(Summary(result));
    }

    /// <summary>One line: counts by severity, files and statements.</summary>
    public static string Summary(LintResult result)
    {
        int Count(Severity s) => result.Findings.Count(f => f.Severity == s);
        var fixable = result.Findings.Count(f => f.Fix is not null);
        var statements = result.StatementCount > 0 ? $", {result.StatementCount} statement(s)" : string.Empty;
        return $"{result.Findings.Count} finding(s): {Count(Severity.Error)} error(s), {Count(Severity.Warning)} warning(s), {Count(Severity.Info)} info; " +
               $"{fixable} fixable with --fix; {result.SourceCount} file(s){statements}.";
    }
}
