using System.Linq;
using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Rules;

/// <summary>YB1005: <c>ALTER TABLE .. ALTER COLUMN .. SET (n_distinct = ..)</c> and other column attribute options.</summary>
public sealed class AlterColumnSetNDistinctRule : SqlRule
{
    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB1005",
        "Column attribute options (n_distinct)",
        Severity.Error,
        RuleCategory.UnsupportedFeature,
        Availability.Never,
        "Setting or resetting attribute options ({0}) on column \"{1}\" is not supported by YugabyteDB: remove the statement",
        new RuleDocs(
            "`ALTER TABLE ... ALTER [COLUMN] col SET (n_distinct = .., n_distinct_inherited = ..)` and `... RESET (...)`: per-column planner statistics overrides, typically found in dumps of tuned PostgreSQL databases.",
            "YugabyteDB does not accept per-column attribute options; the statement fails. The overrides only steer PostgreSQL's planner estimates and have no effect on the data.",
            "Remove the statement; the automatic fix does so when the ALTER TABLE holds nothing else. When it is one of several sub-commands, delete that sub-command by hand.",
            "ALTER TABLE orders ALTER COLUMN status SET (n_distinct = 5);",
            "-- (statement removed)"),
        hasFix: true);

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterNodeAction(Analyze, "AlterTableStmt");

    private static void Analyze(NodeContext context)
    {
        if (!DdlSyntax.HasCommand(context.Node, "AT_SetOptions", "AT_ResetOptions"))
        {
            return;
        }

        var statement = context.Statement;
        var fix = DdlSyntax.HasSingleCommand(context.Node) ? statement.RemoveStatement("Remove the statement") : null;
        foreach (var (command, subtype, _) in DdlSyntax.Commands(context.Node))
        {
            if (subtype is not ("AT_SetOptions" or "AT_ResetOptions"))
            {
                continue;
            }

            var options = command.Field("def").Field("List").DefElems("items").ToList();
            var names = string.Join(", ", options.Select(o => o.Str("defname")));
            context.ReportWithFix(ClauseSpan(statement, options.FirstOrDefault()), fix, names, command.Str("name") ?? string.Empty);
        }
    }

    // SET|RESET ( ... ): the option list's "(" precedes the first option.
    private static TextSpan ClauseSpan(StatementContext statement, ParseElement firstOption)
    {
        var open = statement.PreviousToken(statement.TokenIndexAtLocation(firstOption.Location()));
        var keyword = statement.PreviousToken(open);
        var close = statement.MatchingParen(open);
        return keyword >= 0 && close > open ? statement.SpanOfTokens(keyword, close) : statement.TokenSpanAt(-1);
    }
}
