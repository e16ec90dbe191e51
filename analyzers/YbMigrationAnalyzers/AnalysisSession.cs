using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Versions;
using YbMigrate.PgQuery;
using TextSpan = Microsoft.CodeAnalysis.Text.TextSpan;

namespace YbMigrationAnalyzers;

/// <summary>What the analyzer knows for one compilation: the SQL APIs, options, engines, and what it already reported.</summary>
internal sealed class AnalysisSession
{
    private readonly Compilation _compilation;
    private readonly AnalyzerOptions _options;
    private readonly SqlTargets _targets;
    private readonly EfModelTargets _model;
    private readonly ConcurrentDictionary<string, IReadOnlyList<Finding>> _constructs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, LintEngine> _engines = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _reported = new(StringComparer.Ordinal);
    private int _parserMissing;

    public AnalysisSession(Compilation compilation, AnalyzerOptions options)
    {
        _compilation = compilation;
        _options = options;
        _targets = new SqlTargets(compilation);
        _model = new EfModelTargets(compilation);
    }

    public void AnalyzeInvocation(OperationAnalysisContext context)
    {
        var invocation = (IInvocationOperation)context.Operation;
        Analyze(context, uses => _targets.FindInArguments(invocation.TargetMethod, invocation.Arguments, null, uses));
        if (_model.IsEnabled)
        {
            AnalyzeModel(context, invocation);
        }
    }

    /// <summary>
    /// A string literal (or an interpolated string) marked as SQL by a comment directly before it,
    /// or before the declaration or assignment it initializes: <c>// language=sql</c>,
    /// <c>/* language=postgresql */</c> (the convention Rider uses).
    /// </summary>
    public void AnalyzeMarkedLiteral(OperationAnalysisContext context)
    {
        if (LanguageComment.Marks(context.Operation, out var marked))
        {
            Analyze(context, uses => uses.Add(new SqlUse(marked, PlaceholderStyle.AtName | PlaceholderStyle.BraceIndex, false)));
        }
    }

    /// <summary>A <c>[Timestamp]</c> uint property: the Npgsql EF Core provider maps it to the xmin system column.</summary>
    public void AnalyzeProperty(SymbolAnalysisContext context)
    {
        if (!_model.IsEnabled || context.Symbol is not IPropertySymbol property || property.Locations.Length == 0 || property.Locations[0] is not { SourceTree: { } tree } location)
        {
            return;
        }

        var constructs = new List<ModelConstruct>();
        _model.FindTimestampXmin(property, constructs);
        LintConstructs(constructs, tree, location, diagnostic => Report(context.ReportDiagnostic, diagnostic));
    }

    // EF Core configuration that the Npgsql provider turns into DDL: the DDL is linted as SQL and
    // the expected rule's findings are reported on the C# construct.
    private void AnalyzeModel(OperationAnalysisContext context, IInvocationOperation invocation)
    {
        var constructs = new List<ModelConstruct>();
        try
        {
            _model.Find(invocation, constructs);
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            Report(context, Failure(e, invocation.Syntax.GetLocation()));
            return;
        }

        LintConstructs(constructs, invocation.Syntax.SyntaxTree, invocation.Syntax.GetLocation(), diagnostic => Report(context, diagnostic));
    }

    private void LintConstructs(List<ModelConstruct> constructs, SyntaxTree tree, Location fallback, Action<Diagnostic?> report)
    {
        if (constructs.Count == 0 || Volatile.Read(ref _parserMissing) != 0)
        {
            return;
        }

        try
        {
            var options = _options.AnalyzerConfigOptionsProvider.GetOptions(tree);
            foreach (var construct in constructs)
            {
                var key = TargetVersion(options) + "\n" + construct.Sql;
                var findings = _constructs.GetOrAdd(key, _ => Engine(options).Lint(construct.Sql, "model.sql").Findings);
                foreach (var finding in findings)
                {
                    if (finding.Rule.Id == construct.RuleId && Descriptors.ById.TryGetValue(finding.Rule.Id, out var descriptor))
                    {
                        report(Diagnostic.Create(descriptor, construct.Location, finding.Message));
                    }
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            report(Failure(e, fallback));
        }
    }

    public void AnalyzeObjectCreation(OperationAnalysisContext context)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (creation.Constructor is { } constructor)
        {
            Analyze(context, uses => _targets.FindInArguments(constructor, creation.Arguments, creation.Type, uses));
        }
    }

    public void AnalyzeAssignment(OperationAnalysisContext context)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        var (member, instance) = assignment.Target switch
        {
            IPropertyReferenceOperation property => ((ISymbol)property.Property, property.Instance),
            IFieldReferenceOperation field => (field.Field, field.Instance),
            _ => (null, null),
        };
        if (member is not null)
        {
            Analyze(context, uses =>
            {
                if (_targets.IsSqlMember(member, Unconverted(instance)?.Type))
                {
                    uses.Add(new SqlUse(assignment.Value, PlaceholderStyle.AtName, false));
                }
            });
        }
    }

    public void AnalyzeInitializer(OperationAnalysisContext context)
    {
        var initializer = (ISymbolInitializerOperation)context.Operation;
        IEnumerable<ISymbol> members = initializer switch
        {
            IPropertyInitializerOperation property => property.InitializedProperties,
            IFieldInitializerOperation field => field.InitializedFields,
            _ => Array.Empty<ISymbol>(),
        };
        Analyze(context, uses =>
        {
            foreach (var member in members)
            {
                // A const is checked where it is used, with the placeholders of the API that uses it.
                if (member is IFieldSymbol { IsConst: true })
                {
                    continue;
                }

                if (_targets.IsSqlMember(member, null))
                {
                    uses.Add(new SqlUse(initializer.Value, PlaceholderStyle.AtName, false));
                    return;
                }
            }
        });
    }

    public void AnalyzeAdditionalFile(AdditionalFileAnalysisContext context)
    {
        var file = context.AdditionalFile;
        if (Volatile.Read(ref _parserMissing) != 0 || !file.Path.EndsWith(".sql", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        SourceText? text = null;
        try
        {
            text = file.GetText(context.CancellationToken);
            if (text is null)
            {
                return;
            }

            var sql = text.ToString();
            var engine = Engine(_options.AnalyzerConfigOptionsProvider.GetOptions(file));
            foreach (var finding in engine.Lint(sql, file.Path).Findings)
            {
                if (!Descriptors.ById.TryGetValue(finding.Rule.Id, out var descriptor))
                {
                    continue;
                }

                var start = Math.Min(finding.Span.Start, sql.Length);
                var span = TextSpan.FromBounds(start, Math.Max(start, Math.Min(finding.Span.End, sql.Length)));
                var location = Location.Create(file.Path, span, text.Lines.GetLinePositionSpan(span));
                context.ReportDiagnostic(Diagnostic.Create(descriptor, location, finding.Message));
            }
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            var location = text is null
                ? Location.None
                : Location.Create(file.Path, new TextSpan(0, 0), new LinePositionSpan(default, default));
            var diagnostic = Failure(e, location);
            if (diagnostic is not null)
            {
                context.ReportDiagnostic(diagnostic);
            }
        }
    }

    private void Analyze(OperationAnalysisContext context, Action<List<SqlUse>> find)
    {
        if (Volatile.Read(ref _parserMissing) != 0)
        {
            return;
        }

        var uses = new List<SqlUse>();
        try
        {
            find(uses);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Report(context, Failure(e, context.Operation.Syntax.GetLocation()));
            return;
        }

        foreach (var use in uses)
        {
            AnalyzeUse(context, use);
        }
    }

    private void AnalyzeUse(OperationAnalysisContext context, SqlUse use)
    {
        var fallback = use.Value.Syntax.GetLocation();
        try
        {
            var folded = new SqlFolder(_compilation, context.CancellationToken).Fold(use.Value);
            if (folded is null)
            {
                return; // dynamic SQL: nothing to check at compile time
            }

            var sql = Placeholders.Rewrite(folded, use.Placeholders);
            var text = sql.Text;
            if (string.IsNullOrWhiteSpace(text))
            {
                return;
            }

            var tree = use.Value.Syntax.SyntaxTree;
            var engine = Engine(_options.AnalyzerConfigOptionsProvider.GetOptions(tree));
            foreach (var finding in engine.Lint(text, tree.FilePath).Findings)
            {
                // A hole pasted into the text may be an identifier or a keyword: the parse error
                // is then not the user's SQL's fault.
                if (folded.HoleCount > 0 && !use.HolesAreParameters && finding.Rule.Id == EngineDiagnostics.SyntaxError.Id)
                {
                    continue;
                }

                if (!Descriptors.ById.TryGetValue(finding.Rule.Id, out var descriptor))
                {
                    continue;
                }

                var location = sql.Locate(finding.Span.Start, finding.Span.End) ?? fallback;
                var fix = SqlFixes.Map(sql, finding.Fix, location);
                Report(context, Diagnostic.Create(descriptor, location, fix, finding.Message));
            }
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            Report(context, Failure(e, fallback));
        }
    }

    // One diagnostic per place: a const used in several calls is reported once, in its declaration.
    private void Report(OperationAnalysisContext context, Diagnostic? diagnostic) => Report(context.ReportDiagnostic, diagnostic);

    private void Report(Action<Diagnostic> report, Diagnostic? diagnostic)
    {
        if (diagnostic is null)
        {
            return;
        }

        var location = diagnostic.Location;
        var key = diagnostic.Id + "|" + location.SourceTree?.FilePath + "|" + location.SourceSpan + "|" + diagnostic.GetMessage();
        if (_reported.TryAdd(key, 0))
        {
            report(diagnostic);
        }
    }

    // A missing libpg_query is reported once per compilation; any other failure once per SQL text.
    internal Diagnostic? Failure(Exception e, Location location)
    {
        var missing = e as LibPgQueryNotFoundException ?? e.InnerException as LibPgQueryNotFoundException;
        if (missing is not null)
        {
            return Interlocked.Exchange(ref _parserMissing, 1) == 0
                ? Diagnostic.Create(Descriptors.ParserMissing, location, missing.Message)
                : null;
        }

        return Diagnostic.Create(Descriptors.AnalyzerFailure, location, e.GetType().Name + ": " + e.Message);
    }

    private string TargetVersion(AnalyzerConfigOptions options) =>
        Read(options, SqlAnalyzer.TargetVersionKey)
        ?? Read(_options.AnalyzerConfigOptionsProvider.GlobalOptions, SqlAnalyzer.TargetVersionKey)
        ?? Read(_options.AnalyzerConfigOptionsProvider.GlobalOptions, SqlAnalyzer.TargetVersionProperty)
        ?? string.Empty;

    private LintEngine Engine(AnalyzerConfigOptions options)
    {
        return _engines.GetOrAdd(TargetVersion(options), text =>
        {
            var lintOptions = new LintOptions();
            if (YbVersion.TryParse(text, out var version) && version is not null)
            {
                lintOptions.TargetVersion = version;
            }

            return new LintEngine(lintOptions);
        });
    }

    private static string? Read(AnalyzerConfigOptions options, string key) =>
        options.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static IOperation? Unconverted(IOperation? operation)
    {
        while (operation is IConversionOperation { IsImplicit: true } conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }
}
