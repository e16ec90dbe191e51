using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace YbMigrate.Migration.Export;

/// <summary>Writes report.json and report.txt beside the exported files.</summary>
public static class SchemaReport
{
    /// <summary>Writes both reports into <paramref name="schemaDirectory"/>.</summary>
    public static void Write(SchemaExportResult result, string schemaDirectory)
    {
        File.WriteAllText(Path.Combine(schemaDirectory, "report.json"), Json(result));
        File.WriteAllText(Path.Combine(schemaDirectory, "report.txt"), Text(result));
    }

    /// <summary>The JSON report.</summary>
    public static string Json(SchemaExportResult result)
    {
        var report = new
        {
            source = result.Source,
            serverVersion = result.ServerVersion,
            targetVersion = result.TargetVersion,
            targetKind = result.TargetIsYugabyteDb ? "yugabytedb" : "postgresql",
            files = result.Files.Select(f => new { path = f.RelativePath, objects = f.Objects }),
            changes = result.Changes.Select(c => new { file = c.File, line = c.Line, ruleId = c.RuleId, title = c.Title, @object = c.Object }),
            findings = result.Findings.Select(f => new { file = f.File, line = f.Line, column = f.Column, ruleId = f.RuleId, severity = f.Severity, message = f.Message }),
            skipped = result.Skipped,
            conversions = result.Conversions,
            distribution = result.Distribution,
            ownership = result.IncludesOwnership ? new { roles = result.OwnerRoles } : null,
            summary = new { files = result.Files.Count, objects = result.Files.Sum(f => f.Objects), changes = result.Changes.Count, findings = result.Findings.Count, skipped = result.Skipped.Count, conversions = result.Conversions.Count },
        };
        return JsonSerializer.Serialize(report, ReportJson.Options) + "\n";
    }

    /// <summary>The text report.</summary>
    public static string Text(SchemaExportResult result)
    {
        var s = new StringBuilder();
        s.Append("Schema export from ").Append(result.ServerVersion).Append(" (").Append(result.Source).Append(")\n");
        s.Append("Target: YugabyteDB ").Append(result.TargetVersion).Append(result.TargetIsYugabyteDb
            ? " (YugabyteDB-only DDL written: the files do not load on PostgreSQL)\n"
            : " (no YugabyteDB-only DDL written: the files also load on PostgreSQL; --target-kind yugabytedb adds sharding and pre-splitting)\n");
        s.Append("\nFiles (apply in this order):\n");
        foreach (var file in result.Files)
        {
            s.Append("  ").Append(file.RelativePath).Append(": ").Append(file.Objects).Append(" object(s)\n");
        }

        s.Append("\nChanges made for YugabyteDB: ").Append(result.Changes.Count).Append('\n');
        foreach (var change in result.Changes)
        {
            s.Append("  ").Append(change.File).Append(':').Append(change.Line).Append(": ").Append(change.RuleId).Append(' ').Append(change.Title)
                .Append(change.Object is null ? "" : " (" + change.Object + ")").Append('\n');
        }

        s.Append("\nFindings left to review: ").Append(result.Findings.Count).Append('\n');
        foreach (var finding in result.Findings)
        {
            s.Append("  ").Append(finding.File).Append(':').Append(finding.Line).Append(':').Append(finding.Column).Append(": ")
                .Append(finding.Severity).Append(' ').Append(finding.RuleId).Append(' ').Append(finding.Message).Append('\n');
        }

        if (result.Conversions.Count > 0)
        {
            s.Append("\nConversions from the source: ").Append(result.Conversions.Count).Append('\n');
            foreach (var conversion in result.Conversions)
            {
                s.Append("  ").Append(conversion).Append('\n');
            }
        }

        if (result.TargetIsYugabyteDb)
        {
            s.Append("\nYugabyteDB distribution: ").Append(result.Distribution.Count).Append('\n');
            foreach (var line in result.Distribution)
            {
                s.Append("  ").Append(line).Append('\n');
            }
        }

        if (result.IncludesOwnership)
        {
            s.Append("\nOwnership written: the target must have these roles before the import: ").Append(result.OwnerRoles.Count).Append('\n');
            foreach (var role in result.OwnerRoles)
            {
                s.Append("  ").Append(role).Append('\n');
            }
        }

        s.Append("\nNot exported: ").Append(result.Skipped.Count).Append('\n');
        foreach (var skipped in result.Skipped)
        {
            s.Append("  ").Append(skipped).Append('\n');
        }

        return s.ToString();
    }
}
