using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace YbMigrationAnalyzers;

/// <summary>
/// Lints SQL embedded in C# (Npgsql, Dapper, EF Core, <c>[StringSyntax("PostgreSQL")]</c>, literals
/// after a <c>// language=sql</c> comment), EF Core model configuration and migrations, and
/// <c>.sql</c> AdditionalFiles with the YugabyteDB rule engine, and reports each finding exactly
/// under the offending SQL inside the literal.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SqlAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The .editorconfig / globalconfig key with the YugabyteDB target version.</summary>
    public const string TargetVersionKey = "yb_migrate.target_version";

    /// <summary>The MSBuild property <c>YbMigrateTargetVersion</c>, as the compiler sees it.</summary>
    public const string TargetVersionProperty = "build_property.YbMigrateTargetVersion";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => Descriptors.All;

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var session = new AnalysisSession(start.Compilation, start.Options);
            start.RegisterOperationAction(session.AnalyzeInvocation, OperationKind.Invocation);
            start.RegisterOperationAction(session.AnalyzeObjectCreation, OperationKind.ObjectCreation);
            start.RegisterOperationAction(session.AnalyzeAssignment, OperationKind.SimpleAssignment);
            start.RegisterOperationAction(session.AnalyzeInitializer, OperationKind.PropertyInitializer, OperationKind.FieldInitializer);
            start.RegisterOperationAction(session.AnalyzeMarkedLiteral, OperationKind.Literal, OperationKind.InterpolatedString, OperationKind.Utf8String);
            start.RegisterAdditionalFileAction(session.AnalyzeAdditionalFile);
            start.RegisterSymbolAction(session.AnalyzeProperty, SymbolKind.Property);
        });
    }
}
