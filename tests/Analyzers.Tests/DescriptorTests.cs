using System.Linq;
using Microsoft.CodeAnalysis;
using YbMigrate.Linter.Engine;

namespace YbMigrationAnalyzers.Tests;

public class DescriptorTests
{
    [Fact]
    public void One_descriptor_per_linter_rule_with_its_help_link_and_severity()
    {
        var supported = new SqlAnalyzer().SupportedDiagnostics.ToDictionary(d => d.Id);
        foreach (var rule in RuleCatalog.Descriptors)
        {
            var descriptor = supported[rule.Id];
            Assert.Equal(rule.HelpUri, descriptor.HelpLinkUri);
            Assert.Equal(rule.Title, descriptor.Title.ToString());
            Assert.Equal(Descriptors.ToRoslyn(rule.DefaultSeverity), descriptor.DefaultSeverity);
        }

        Assert.Equal(RuleCatalog.Descriptors.Count + 2, supported.Count);
    }

    [Fact]
    public void The_analyzer_own_ids_are_not_used_by_the_linter()
    {
        Assert.Null(RuleCatalog.Find(Descriptors.AnalyzerFailure.Id));
        Assert.Null(RuleCatalog.Find(Descriptors.ParserMissing.Id));
        Assert.Contains("apt-get install libpg-query-dev", Descriptors.ParserMissing.Description.ToString());
        Assert.Equal(DiagnosticSeverity.Warning, Descriptors.AnalyzerFailure.DefaultSeverity);
    }
}
