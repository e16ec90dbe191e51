using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Versions;

namespace YbMigrate.Linter.Configuration;

/// <summary>A configuration file that could not be used, with a message naming the file and the problem.</summary>
public sealed class LintConfigException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LintConfigException(string message) : base(message)
    {
    }
}

/// <summary>
/// The lint configuration file (JSON):
/// <code>{ "targetVersion": "2024.2", "disabledRules": ["YB4002"], "severities": { "YB1002": "warning" } }</code>
/// </summary>
public static class LintConfig
{
    /// <summary>The file name looked for in the current folder when --config is not given.</summary>
    public const string DefaultFileName = "yb-migrate.json";

    /// <summary>Applies the file at <paramref name="path"/> to <paramref name="options"/>.</summary>
    public static void Apply(string path, LintOptions options)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new LintConfigException($"{path}: cannot read the configuration file: {ex.Message}");
        }

        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            Apply(path, document.RootElement, options);
        }
        catch (JsonException ex)
        {
            throw new LintConfigException($"{path}: line {ex.LineNumber + 1}: not valid JSON: {ex.Message}");
        }
    }

    private static void Apply(string path, JsonElement root, LintOptions options)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new LintConfigException($"{path}: expected a JSON object with targetVersion, disabledRules and severities.");
        }

        foreach (var property in root.EnumerateObject())
        {
            switch (property.Name)
            {
                case "targetVersion":
                    var version = property.Value.GetString();
                    options.TargetVersion = YbVersion.TryParse(version, out var parsed)
                        ? parsed!
                        : throw new LintConfigException($"{path}: targetVersion '{version}' is not a YugabyteDB version (e.g. 2.20, 2024.2, 2025.2.3.0).");
                    break;
                case "disabledRules":
                    foreach (var id in property.Value.EnumerateArray())
                    {
                        options.DisabledRules.Add(KnownRule(path, id.GetString()));
                    }

                    break;
                case "severities":
                    foreach (var entry in property.Value.EnumerateObject())
                    {
                        options.SeverityOverrides[KnownRule(path, entry.Name)] = ParseSeverity(path, entry.Value.GetString());
                    }

                    break;
                default:
                    throw new LintConfigException($"{path}: unknown setting '{property.Name}' (known: targetVersion, disabledRules, severities).");
            }
        }
    }

    /// <summary>Parses error / warning / info.</summary>
    public static bool TryParseSeverity(string? text, out Severity severity) =>
        Enum.TryParse(text, ignoreCase: true, out severity) && Enum.IsDefined(typeof(Severity), severity);

    private static Severity ParseSeverity(string path, string? text) =>
        TryParseSeverity(text, out var severity) ? severity : throw new LintConfigException($"{path}: severity '{text}' must be error, warning or info.");

    private static string KnownRule(string path, string? id) =>
        RuleCatalog.Find(id ?? string.Empty)?.Id ?? throw new LintConfigException($"{path}: '{id}' is not a rule id (see rules.md).");
}
