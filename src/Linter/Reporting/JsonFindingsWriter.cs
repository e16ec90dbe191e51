using System.IO;
using System.Linq;
using YbMigrate.Linter.Engine;

namespace YbMigrate.Linter.Reporting;

/// <summary><c>{"findings":[{ruleId, severity, file, line, column, endLine, endColumn, message, fixable}], "summary":{..}}</c>, 1-based positions.</summary>
public sealed class JsonFindingsWriter : IFindingsWriter
{
    /// <inheritdoc />
    public void Write(LintResult result, TextWriter output)
    {
        using var streamed = new StreamedJson(output);
        var json = streamed.Writer;
        json.WriteStartObject();
        json.WriteStartArray("findings");
        foreach (var finding in result.Findings)
        {
            json.WriteStartObject();
            json.WriteString("ruleId", finding.Rule.Id);
            json.WriteString("severity", FindingsWriters.SeverityName(finding.Severity));
            json.WriteString("file", finding.Source.Path);
            json.WriteNumber("line", finding.Start.Line);
            json.WriteNumber("column", finding.Start.Column);
            json.WriteNumber("endLine", finding.End.Line);
            json.WriteNumber("endColumn", finding.End.Column);
            json.WriteString("message", finding.Message);
            json.WriteBoolean("fixable", finding.Fix is not null);
            json.WriteString("helpUri", finding.Rule.HelpUri);
            json.WriteEndObject();
            streamed.FlushIfFull();
        }

        json.WriteEndArray();
        json.WriteStartObject("summary");
        json.WriteNumber("files", result.SourceCount);
        json.WriteNumber("statements", result.StatementCount);
        json.WriteNumber("findings", result.Findings.Count);
        json.WriteNumber("errors", result.Findings.Count(f => f.Severity == Severity.Error));
        json.WriteNumber("warnings", result.Findings.Count(f => f.Severity == Severity.Warning));
        json.WriteNumber("infos", result.Findings.Count(f => f.Severity == Severity.Info));
        json.WriteNumber("fixable", result.Findings.Count(f => f.Fix is not null));
        json.WriteEndObject();
        json.WriteEndObject();
        streamed.Finish();
    }
}
