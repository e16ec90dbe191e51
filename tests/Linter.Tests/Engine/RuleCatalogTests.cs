using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Reporting;

namespace YbMigrate.Linter.Tests.Engine;

public class RuleCatalogTests
{
    [Fact]
    public void Rules_md_is_generated_from_the_rule_metadata()
    {
        var path = Path.Combine(RepositoryPaths.Root, "rules.md");
        var expected = RulesMarkdown.Generate(RuleCatalog.Descriptors);
        var actual = File.Exists(path) ? File.ReadAllText(path) : string.Empty;
        Assert.True(
            expected == actual,
            "rules.md differs from the rule metadata: regenerate it with `dotnet run --project src/Cli -- rules --markdown > rules.md`.");
    }

    [Fact]
    public void Every_rule_has_a_unique_well_formed_id_and_complete_docs()
    {
        var descriptors = RuleCatalog.Descriptors;
        Assert.Equal(descriptors.Count, descriptors.Select(d => d.Id).Distinct().Count());
        Assert.All(descriptors, d =>
        {
            Assert.Matches(new Regex("^YB[0-9]{4}$"), d.Id);
            Assert.False(string.IsNullOrWhiteSpace(d.Title));
            Assert.False(string.IsNullOrWhiteSpace(d.MessageFormat));
            Assert.False(string.IsNullOrWhiteSpace(d.Docs.Detects + d.Docs.Why + d.Docs.Fix + d.Docs.Before + d.Docs.After));
        });
    }

    [Fact]
    public void Every_rule_lives_in_its_own_file_named_after_its_class_and_has_a_test_class()
    {
        var testTypes = typeof(RuleCatalogTests).Assembly.GetTypes().Select(t => t.Name).ToHashSet();
        foreach (var rule in RuleCatalog.All)
        {
            var name = rule.GetType().Name;
            Assert.EndsWith("Rule", name);
            Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, "src", "Linter", "Rules", name + ".cs")), $"{name} must be in src/Linter/Rules/{name}.cs");
            Assert.True(testTypes.Contains(name + "Tests"), $"{name} ({rule.Descriptor.Id}) has no {name}Tests class");
        }
    }
}
