using System.Collections.Generic;
using System.Linq;
using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Rules;

/// <summary>YB1045: a view <c>WITH [CASCADED | LOCAL] CHECK OPTION</c> (or the check_option view option).</summary>
public sealed class ViewWithCheckOptionRule : SqlRule
{
    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB1045",
        "View WITH CHECK OPTION",
        Severity.Error,
        RuleCategory.UnsupportedFeature,
        Availability.Never,
        "{0} is not supported by YugabyteDB: enforce the view's condition on the base table instead (a CHECK constraint or a trigger)",
        new RuleDocs(
            "`CREATE [OR REPLACE] VIEW .. AS query WITH [CASCADED | LOCAL] CHECK OPTION`, the equivalent view option `WITH (check_option = local | cascaded)`, and `ALTER VIEW .. SET (check_option = ..)`. Views without a check option are not reported.",
            "The check option makes INSERT and UPDATE through an updatable view reject rows the view would not show. YugabyteDB does not support it and the statement fails. Simply dropping the clause would silently let such rows through the view.",
            "Create the view without the check option, and enforce its condition where the rows are stored: a CHECK constraint on the base table when every row must satisfy it, otherwise a BEFORE INSERT OR UPDATE trigger (or an INSTEAD OF trigger on the view) that raises an error, or a check in the application.",
            "CREATE VIEW active_customers AS SELECT * FROM customers WHERE active WITH CHECK OPTION;",
            "CREATE VIEW active_customers AS SELECT * FROM customers WHERE active;\n-- plus a trigger on customers, or an INSTEAD OF trigger on the view, that rejects inactive rows written through it"));

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration)
    {
        registration.RegisterNodeAction(AnalyzeView, "ViewStmt");
        registration.RegisterNodeAction(AnalyzeAlterView, "AlterTableStmt");
    }

    private static void AnalyzeView(NodeContext context)
    {
        var statement = context.Statement;
        if (context.Node.Str("withCheckOption") is "LOCAL_CHECK_OPTION" or "CASCADED_CHECK_OPTION")
        {
            var clause = CheckOptionClause(statement);
            context.Report(clause, AsWritten(statement, clause));
        }

        ReportCheckOptions(context, context.Node.DefElems("options"));
    }

    private static void AnalyzeAlterView(NodeContext context)
    {
        if (context.Node.Str("objtype") != "OBJECT_VIEW")
        {
            return;
        }

        foreach (var (keyword, options, _) in OlderDdlSyntax.RelOptionChanges(context.Statement, context.Node))
        {
            if (keyword == "SET")
            {
                ReportCheckOptions(context, options.DefElems("items"));
            }
        }
    }

    private static void ReportCheckOptions(NodeContext context, IEnumerable<ParseElement> options)
    {
        foreach (var option in options.Where(o => o.Str("defname") == "check_option"))
        {
            context.ReportAt(option.Location(), $"The view option check_option = {PgJson.DefElemText(option)}");
        }
    }

    // The clause in upper case with single spaces, whatever its comments and line breaks.
    private static string AsWritten(StatementContext statement, TextSpan clause) =>
        string.Join(" ", statement.Tokens
            .Where(t => t.Span.Start >= clause.Start && t.Span.End <= clause.End && t.Kind is not (TokenKind.SQL_COMMENT or TokenKind.C_COMMENT))
            .Select(t => t.Text.ToUpperInvariant()));

    // WITH [LOCAL | CASCADED] CHECK OPTION: from WITH to OPTION.
    private static TextSpan CheckOptionClause(StatementContext statement)
    {
        var starts = OlderDdlSyntax.FindSequences(statement, TokenKind.CHECK, TokenKind.OPTION);
        if (starts.Count == 0)
        {
            return statement.TokenSpanAt(-1);
        }

        var check = starts[starts.Count - 1];
        var first = check;
        var before = OlderDdlSyntax.PreviousToken(statement, first);
        if (before >= 0 && statement.Tokens[before].Kind is TokenKind.LOCAL or TokenKind.CASCADED)
        {
            first = before;
            before = OlderDdlSyntax.PreviousToken(statement, first);
        }

        if (before >= 0 && statement.Tokens[before].Kind is TokenKind.WITH or TokenKind.WITH_LA)
        {
            first = before;
        }

        return statement.SpanOfTokens(first, statement.NextToken(check));
    }
}
