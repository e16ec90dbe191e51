using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Versions;
using YbMigrate.Migration.Sources;

namespace YbMigrate.Migration.Export;

/// <summary>What to export and for which target.</summary>
public sealed class SchemaExportOptions
{
    /// <summary>The output folder; files go to OUT/schema/.</summary>
    public string OutputDirectory { get; set; } = ".";

    /// <summary>Schemas to export; empty: every user schema.</summary>
    public IReadOnlyCollection<string> Schemas { get; set; } = Array.Empty<string>();

    /// <summary>The YugabyteDB version the schema will be imported into.</summary>
    public YbVersion TargetVersion { get; set; } = YbVersion.DefaultTarget;

    /// <summary>
    /// Whether the target is YugabyteDB: only then is YugabyteDB-only DDL (HASH/ASC keys, SPLIT INTO,
    /// colocation) written (see <see cref="YugabyteDbDdl"/>). Off (the default), the files also load on PostgreSQL.
    /// </summary>
    public bool TargetIsYugabyteDb { get; set; }

    /// <summary>
    /// YugabyteDB target only: the target database is colocated and tables (partition trees) smaller
    /// than this many bytes on the source stay in its colocation tablet; larger ones get
    /// WITH (COLOCATION = false). Null: colocation not asked.
    /// </summary>
    public long? ColocateBelowBytes { get; set; }

    /// <summary>YugabyteDB target only: a table is pre-split into one tablet per this many source bytes (rounded up).</summary>
    public long BytesPerTablet { get; set; } = 1L << 30;

    /// <summary>YugabyteDB target only: the most tablets a table is pre-split into.</summary>
    public int MaxTablets { get; set; } = 64;

    /// <summary>
    /// Write each object's owner (ALTER ... OWNER TO role) after it; the roles must exist on the target
    /// (the report lists them). Off (the default): the objects belong to whoever runs the import.
    /// </summary>
    public bool IncludeOwnership { get; set; }
}

/// <summary>
/// A change the conversion made to a written file; <paramref name="Object"/> names what the changed
/// statement creates (see <see cref="StatementObject"/>), null when it cannot be told.
/// </summary>
public sealed record SchemaChange(string File, int Line, string RuleId, string Title, string? Object = null);

/// <summary>A finding the conversion could not fix.</summary>
public sealed record SchemaFindingEntry(string File, int Line, int Column, string RuleId, string Severity, string Message);

/// <summary>The outcome of an export.</summary>
public sealed class SchemaExportResult
{
    /// <summary>The source, password removed.</summary>
    public string Source { get; init; } = "";

    /// <summary>The source server version.</summary>
    public string ServerVersion { get; init; } = "";

    /// <summary>The target YugabyteDB version.</summary>
    public string TargetVersion { get; init; } = "";

    /// <summary>The schema folder (OUT/schema).</summary>
    public string SchemaDirectory { get; init; } = "";

    /// <summary>Written files, in order.</summary>
    public IReadOnlyList<SchemaFile> Files { get; init; } = Array.Empty<SchemaFile>();

    /// <summary>Fixes applied to the files.</summary>
    public IReadOnlyList<SchemaChange> Changes { get; init; } = Array.Empty<SchemaChange>();

    /// <summary>Findings left after the fixes.</summary>
    public IReadOnlyList<SchemaFindingEntry> Findings { get; init; } = Array.Empty<SchemaFindingEntry>();

    /// <summary>Source objects not exported, with why.</summary>
    public IReadOnlyList<string> Skipped { get; init; } = Array.Empty<string>();

    /// <summary>Conversions from the source's types and expressions (lossy ones say what is lost).</summary>
    public IReadOnlyList<string> Conversions { get; init; } = Array.Empty<string>();

    /// <summary>Whether YugabyteDB-only DDL was written (the target is YugabyteDB).</summary>
    public bool TargetIsYugabyteDb { get; init; }

    /// <summary>The YugabyteDB-only DDL written (sharding, pre-splitting, colocation), one line per decision.</summary>
    public IReadOnlyList<string> Distribution { get; init; } = Array.Empty<string>();

    /// <summary>Whether ownership was written (--include-ownership).</summary>
    public bool IncludesOwnership { get; init; }

    /// <summary>The roles the written OWNER TO statements name: they must exist on the target before the import.</summary>
    public IReadOnlyList<string> OwnerRoles { get; init; } = Array.Empty<string>();
}

/// <summary>
/// Exports a source schema: reads the catalog, writes the ordered DDL files, runs the linter over
/// them, applies every automatic fix in place and writes report.json and report.txt.
/// </summary>
public static class SchemaExporter
{
    // A fix can reveal another (or overlap one skipped in the same pass): re-lint a few times.
    private const int MaxFixPasses = 5;

    /// <summary>Runs the export.</summary>
    public static SchemaExportResult Export(ISourceDatabase source, SchemaExportOptions options)
    {
        var schema = source.ReadSchema(options.Schemas);
        var ownerRoles = options.IncludeOwnership ? new SortedSet<string>(StringComparer.Ordinal) : null;
        var files = SchemaScript.Generate(schema, ownerRoles);
        var schemaDirectory = Path.Combine(options.OutputDirectory, "schema");
        foreach (var phase in new[] { SchemaScript.PreData, SchemaScript.PostData, SchemaScript.Review })
        {
            var folder = Path.Combine(schemaDirectory, phase);
            if (Directory.Exists(folder))
            {
                // A previous export's files would be applied with the new ones.
                foreach (var old in Directory.GetFiles(folder, "*.sql"))
                {
                    File.Delete(old);
                }
            }

            Directory.CreateDirectory(folder);
        }

        var lintOptions = new LintOptions { TargetVersion = options.TargetVersion };
        var engine = new LintEngine(lintOptions);
        var texts = files.ToDictionary(f => f.RelativePath, f => f.Text);
        var changes = new List<SchemaChange>();
        for (var pass = 0; pass < MaxFixPasses; pass++)
        {
            var sources = texts.Select(t => new SqlSource(t.Key, t.Value)).ToList();
            var result = engine.Lint(sources);
            var applied = 0;
            foreach (var sqlSource in sources)
            {
                var accepted = NonOverlappingFixes(result.Findings.Where(f => f.Fix is not null && ReferenceEquals(f.Source, sqlSource)));
                if (accepted.Count == 0)
                {
                    continue;
                }

                var statements = YbMigrate.PgQuery.PgQuery.Split(sqlSource.Text).Statements;
                var (text, count) = FixApplier.Apply(sqlSource, accepted);
                texts[sqlSource.Path] = text;
                applied += count;
                changes.AddRange(accepted.Select(f =>
                    new SchemaChange(sqlSource.Path, f.Start.Line, f.Rule.Id, f.Fix!.Title, ChangedObject(sqlSource.Text, statements, f.Span.Start))));
            }

            if (applied == 0)
            {
                break;
            }
        }

        // Findings and fixes are those of the PostgreSQL-form DDL: the linter reads PostgreSQL's grammar,
        // so the YugabyteDB-only clauses are added only after it (on the same lines, so its positions hold).
        var final = engine.Lint(texts.Select(t => new SqlSource(t.Key, t.Value)).ToList());
        IReadOnlyList<SchemaFile> written = files.Select(f => f with { Text = texts[f.RelativePath] }).ToList();
        IReadOnlyList<string> distribution = Array.Empty<string>();
        if (options.TargetIsYugabyteDb)
        {
            (written, distribution) = YugabyteDbDdl.Decorate(written, schema, options);
        }

        foreach (var file in written)
        {
            File.WriteAllText(Path.Combine(schemaDirectory, file.Phase, file.Name), file.Text);
        }

        var exportResult = new SchemaExportResult
        {
            Source = source.DisplayConnection,
            ServerVersion = schema.ServerVersion,
            TargetVersion = options.TargetVersion.ToString(),
            SchemaDirectory = schemaDirectory,
            Files = written,
            Changes = changes,
            Findings = final.Findings.Select(f => new SchemaFindingEntry(f.Source.Path, f.Start.Line, f.Start.Column, f.Rule.Id,
                f.Severity.ToString().ToLowerInvariant(), f.Message)).ToList(),
            Skipped = schema.Skipped,
            Conversions = schema.Conversions,
            TargetIsYugabyteDb = options.TargetIsYugabyteDb,
            Distribution = distribution,
            IncludesOwnership = options.IncludeOwnership,
            OwnerRoles = ownerRoles?.ToList() ?? new List<string>(),
        };
        SchemaReport.Write(exportResult, schemaDirectory);
        return exportResult;
    }

    private static string? ChangedObject(string text, IReadOnlyList<YbMigrate.PgQuery.TextSpan> statements, int position)
    {
        var statement = statements.FirstOrDefault(s => s.Start <= position && position < s.End);
        if (statement.Length == 0)
        {
            return null;
        }

        var lineStart = text.LastIndexOf('\n', Math.Max(position - 1, 0)) + 1;
        var lineEnd = text.IndexOf('\n', position);
        return StatementObject.Of(text.Substring(statement.Start, statement.Length), text[lineStart..(lineEnd < 0 ? text.Length : lineEnd)]);
    }

    // The same choice FixApplier makes (first by position, skip overlaps), so the report lists
    // exactly the fixes applied; the skipped ones come back in the next pass.
    private static List<Finding> NonOverlappingFixes(IEnumerable<Finding> findings)
    {
        var accepted = new List<Finding>();
        var edits = new List<TextEdit>();
        foreach (var finding in findings.OrderBy(f => f.Fix!.Edits.Min(e => e.Span.Start)))
        {
            if (finding.Fix!.Edits.Any(e => edits.Any(a => Overlaps(a, e))))
            {
                continue;
            }

            edits.AddRange(finding.Fix.Edits);
            accepted.Add(finding);
        }

        return accepted;
    }

    private static bool Overlaps(TextEdit a, TextEdit b) =>
        a.Span.Start < b.Span.End && b.Span.Start < a.Span.End
        || (a.Span.Length == 0 && b.Span.Length == 0 && a.Span.Start == b.Span.Start);
}
