using System;
using System.Linq;
using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;

namespace YbMigrate.Linter.Tests.Engine;

/// <summary>Flags every call of a function named probe, with a fix that renames it: exercises the engine alone.</summary>
internal sealed class ProbeCallRule : SqlRule
{
    public ProbeCallRule(Availability? availability = null) =>
        Descriptor = new RuleDescriptor("YB9001", "probe", Severity.Warning, RuleCategory.Caveat, availability ?? Availability.Never, "probe({0})", Docs, hasFix: true);

    internal static RuleDocs Docs { get; } = new("d", "w", "f", "b", "a");

    public override RuleDescriptor Descriptor { get; }

    public override void Initialize(RuleRegistration registration) => registration.RegisterNodeAction(
        context =>
        {
            if (context.Node.Names("funcname") is [.., "probe"])
            {
                var span = context.Statement.TokenSpanAt(context.Node.Location());
                var argument = context.Node.Items("args").Count();
                context.ReportWithFix(span, new Fix("rename", new[] { new TextEdit(span, "checked_probe") }), argument);
            }
        },
        "FuncCall");
}

/// <summary>Throws on every SELECT: the engine must report it and go on.</summary>
internal sealed class ThrowingRule : SqlRule
{
    public override RuleDescriptor Descriptor { get; } = new("YB9002", "throws", Severity.Error, RuleCategory.Caveat, Availability.Never, "never", ProbeCallRule.Docs);

    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterNodeAction(_ => throw new InvalidOperationException("boom"), "SelectStmt");
}
