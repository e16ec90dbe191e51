using System.CommandLine;
using System.IO;
using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Reporting;

namespace YbMigrate.Cli.Commands;

/// <summary><c>dotnet yb-migrate rules [--markdown]</c>: the rule catalog.</summary>
internal static class RulesCommand
{
    public static Command Create(TextWriter output)
    {
        var markdown = new Option<bool>("--markdown") { Description = "Print rules.md (the documentation generated from the rule metadata)" };
        var command = new Command("rules", "List the rules of the catalog.") { markdown };
        command.SetAction(parse =>
        {
            if (parse.GetValue(markdown))
            {
                output.Write(RulesMarkdown.Generate(RuleCatalog.Descriptors));
                return CliApp.Success;
            }

            foreach (var rule in RuleCatalog.Descriptors)
            {
                output.WriteLine($"{rule.Id}  {rule.DefaultSeverity.ToString().ToLowerInvariant(),-7}  {RulesMarkdown.CategoryText(rule.Category),-20}  {rule.Title}  ({rule.Availability.Describe()})");
            }

            return CliApp.Success;
        });
        return command;
    }
}
