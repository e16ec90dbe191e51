using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.MSBuild;
using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Versions;
using YbMigrationAnalyzers;

namespace YbMigrate.Cli.Analysis;

/// <summary>
/// Runs the YbMigrationAnalyzers analyzer over every C# project of a solution (or one project)
/// loaded with MSBuildWorkspace, and turns its diagnostics into linter findings so every output
/// format of <c>lint</c> serves <c>analyze</c> too.
/// </summary>
internal sealed class SolutionAnalysis
{
    private readonly TextWriter _error;

    public SolutionAnalysis(TextWriter error) => _error = error;

    /// <summary>Problems loading projects (missing restore, unknown project types), reported, not fatal.</summary>
    public List<string> LoadProblems { get; } = new();

    public async Task<LintResult> RunAsync(string path, YbVersion? target, CancellationToken cancellation)
    {
        using var workspace = MSBuildWorkspace.Create();
        workspace.WorkspaceFailed += (_, e) => LoadProblems.Add(e.Diagnostic.Message);
        var projects = path.EndsWith(".sln", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".slnx", StringComparison.OrdinalIgnoreCase)
            ? (await workspace.OpenSolutionAsync(path, cancellationToken: cancellation)).Projects.ToList()
            : new List<Project> { await workspace.OpenProjectAsync(path, cancellationToken: cancellation) };

        var findings = new List<Finding>();
        var sources = new Dictionary<string, SqlSource>(StringComparer.Ordinal);
        foreach (var project in projects.Where(p => p.Language == LanguageNames.CSharp))
        {
            var compilation = await project.GetCompilationAsync(cancellation);
            if (compilation is null)
            {
                continue;
            }

            var options = target is null ? project.AnalyzerOptions : WithTarget(project.AnalyzerOptions, target);
            var diagnostics = await compilation
                .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new SqlAnalyzer()), options)
                .GetAnalyzerDiagnosticsAsync(cancellation);
            foreach (var diagnostic in diagnostics)
            {
                if (ToFinding(diagnostic, sources) is { } finding)
                {
                    findings.Add(finding);
                }
            }
        }

        var ordered = findings
            .GroupBy(f => (f.Source.Path, f.Span.Start, f.Rule.Id, f.Message)).Select(g => g.First()) // a file shared by projects reports once
            .OrderBy(f => f.Source.Path, StringComparer.Ordinal).ThenBy(f => f.Span.Start)
            .ToList();
        return new LintResult(ordered, statementCount: 0, sourceCount: sources.Count, skippedMetaCommands: 0);
    }

    private static Finding? ToFinding(Diagnostic diagnostic, Dictionary<string, SqlSource> sources)
    {
        var location = diagnostic.Location;
        if (diagnostic.Severity == DiagnosticSeverity.Hidden || location.Kind is not (LocationKind.SourceFile or LocationKind.ExternalFile))
        {
            return null;
        }

        var path = location.GetLineSpan().Path;
        if (!sources.TryGetValue(path, out var source))
        {
            var text = location.SourceTree?.GetText().ToString() ?? File.ReadAllText(path);
            sources[path] = source = new SqlSource(path, text);
        }

        var severity = diagnostic.Severity switch
        {
            DiagnosticSeverity.Error => Severity.Error,
            DiagnosticSeverity.Warning => Severity.Warning,
            _ => Severity.Info,
        };
        var rule = RuleCatalog.Find(diagnostic.Id) ?? AnalyzerOwnRule(diagnostic, severity);
        var span = new PgQuery.TextSpan(location.SourceSpan.Start, location.SourceSpan.Length);
        return new Finding(rule, severity, source, span, diagnostic.GetMessage(), FixOf(diagnostic));
    }

    // The analyzer computes a fix's edits in source positions and carries them in the diagnostic.
    private static Fix? FixOf(Diagnostic diagnostic) =>
        FixProperties.TryRead(diagnostic, out var title, out var changes)
            ? new Fix(title, changes.Select(c => new TextEdit(new PgQuery.TextSpan(c.Span.Start, c.Span.Length), c.NewText ?? string.Empty)).ToList())
            : null;

    // YB0003 / YB0004 belong to the analyzer (its own failures), not to the rule catalog.
    private static RuleDescriptor AnalyzerOwnRule(Diagnostic diagnostic, Severity severity) =>
        new(
            diagnostic.Id,
            diagnostic.Descriptor.Title.ToString(),
            severity,
            RuleCategory.Syntax,
            Availability.Never,
            "{0}",
            new RuleDocs(diagnostic.Descriptor.Description.ToString(), string.Empty, string.Empty, string.Empty, string.Empty));

    private static AnalyzerOptions WithTarget(AnalyzerOptions options, YbVersion target) =>
        new(options.AdditionalFiles, new TargetVersionOptionsProvider(options.AnalyzerConfigOptionsProvider, target.ToString()));

    /// <summary>The project's analyzer options with the target version of the command line on top.</summary>
    private sealed class TargetVersionOptionsProvider : AnalyzerConfigOptionsProvider
    {
        private readonly AnalyzerConfigOptionsProvider _inner;
        private readonly string _target;

        public TargetVersionOptionsProvider(AnalyzerConfigOptionsProvider inner, string target)
        {
            _inner = inner;
            _target = target;
        }

        public override AnalyzerConfigOptions GlobalOptions => new WithTarget(_inner.GlobalOptions, _target);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new WithTarget(_inner.GetOptions(tree), _target);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new WithTarget(_inner.GetOptions(textFile), _target);

        private sealed class WithTarget : AnalyzerConfigOptions
        {
            private readonly AnalyzerConfigOptions _inner;
            private readonly string _target;

            public WithTarget(AnalyzerConfigOptions inner, string target)
            {
                _inner = inner;
                _target = target;
            }

            public override bool TryGetValue(string key, out string value)
            {
                if (key == SqlAnalyzer.TargetVersionKey)
                {
                    value = _target;
                    return true;
                }

                return _inner.TryGetValue(key, out value!);
            }
        }
    }
}
