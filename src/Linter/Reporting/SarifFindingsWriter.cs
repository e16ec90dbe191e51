using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using YbMigrate.Linter.Engine;

namespace YbMigrate.Linter.Reporting;

/// <summary>SARIF 2.1.0: one run, the catalog's rules with help URIs, results with regions and fixes.</summary>
public sealed class SarifFindingsWriter : IFindingsWriter
{
    private const string ToolName = "yb-migrate";

    /// <inheritdoc />
    public void Write(LintResult result, TextWriter output)
    {
        var rules = RuleCatalog.Descriptors;
        var ruleIndex = rules.Select((rule, index) => (rule.Id, index)).ToDictionary(r => r.Id, r => r.index);
        using var streamed = new StreamedJson(output);
        var json = streamed.Writer;
        json.WriteStartObject();
        json.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        json.WriteString("version", "2.1.0");
        json.WriteStartArray("runs");
        json.WriteStartObject();
        WriteTool(json, rules);
        json.WriteStartArray("results");
        foreach (var finding in result.Findings)
        {
            WriteResult(json, finding, ruleIndex[finding.Rule.Id]);
            streamed.FlushIfFull();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        streamed.Finish();
    }

    private static void WriteTool(Utf8JsonWriter json, IReadOnlyList<RuleDescriptor> rules)
    {
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", ToolName);
        json.WriteString("semanticVersion", typeof(SarifFindingsWriter).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");
        json.WriteString("informationUri", RuleDescriptor.DocsBaseUri);
        json.WriteStartArray("rules");
        foreach (var rule in rules)
        {
            json.WriteStartObject();
            json.WriteString("id", rule.Id);
            json.WriteString("name", rule.Title.Replace(" ", string.Empty));
            json.WriteStartObject("shortDescription");
            json.WriteString("text", rule.Title);
            json.WriteEndObject();
            json.WriteStartObject("fullDescription");
            json.WriteString("text", rule.Docs.Detects);
            json.WriteEndObject();
            json.WriteString("helpUri", rule.HelpUri);
            json.WriteStartObject("help");
            json.WriteString("text", rule.Docs.Fix);
            json.WriteEndObject();
            json.WriteStartObject("defaultConfiguration");
            json.WriteString("level", Level(rule.DefaultSeverity));
            json.WriteEndObject();
            json.WriteStartObject("properties");
            json.WriteString("category", RulesMarkdown.CategoryText(rule.Category));
            json.WriteString("yugabytedbVersions", rule.Availability.Describe());
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter json, Finding finding, int ruleIndex)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", finding.Rule.Id);
        json.WriteNumber("ruleIndex", ruleIndex);
        json.WriteString("level", Level(finding.Severity));
        json.WriteStartObject("message");
        json.WriteString("text", finding.Message);
        json.WriteEndObject();
        json.WriteStartArray("locations");
        json.WriteStartObject();
        json.WriteStartObject("physicalLocation");
        WriteArtifact(json, finding.Source.Path);
        json.WriteStartObject("region");
        json.WriteNumber("startLine", finding.Start.Line);
        json.WriteNumber("startColumn", finding.Start.Column);
        json.WriteNumber("endLine", finding.End.Line);
        json.WriteNumber("endColumn", finding.End.Column);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
        if (finding.Fix is { } fix)
        {
            WriteFix(json, finding, fix);
        }

        json.WriteEndObject();
    }

    private static void WriteFix(Utf8JsonWriter json, Finding finding, Fix fix)
    {
        json.WriteStartArray("fixes");
        json.WriteStartObject();
        json.WriteStartObject("description");
        json.WriteString("text", fix.Title);
        json.WriteEndObject();
        json.WriteStartArray("artifactChanges");
        json.WriteStartObject();
        WriteArtifact(json, finding.Source.Path);
        json.WriteStartArray("replacements");
        foreach (var edit in fix.Edits)
        {
            var start = finding.Source.Lines.GetPosition(edit.Span.Start);
            var end = finding.Source.Lines.GetPosition(edit.Span.End);
            json.WriteStartObject();
            json.WriteStartObject("deletedRegion");
            json.WriteNumber("startLine", start.Line);
            json.WriteNumber("startColumn", start.Column);
            json.WriteNumber("endLine", end.Line);
            json.WriteNumber("endColumn", end.Column);
            json.WriteEndObject();
            json.WriteStartObject("insertedContent");
            json.WriteString("text", edit.NewText);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
    }

    private static void WriteArtifact(Utf8JsonWriter json, string path)
    {
        json.WriteStartObject("artifactLocation");
        json.WriteString("uri", path.Replace('\\', '/'));
        json.WriteEndObject();
    }

    private static string Level(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "note",
    };
}
