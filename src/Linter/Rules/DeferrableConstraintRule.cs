using System.Collections.Generic;
using System.Linq;
using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Syntax;
using YbMigrate.Linter.Versions;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Rules;

/// <summary>YB1009: DEFERRABLE on a PRIMARY KEY, UNIQUE or CHECK constraint (deferrable foreign keys are supported).</summary>
public sealed class DeferrableConstraintRule : SqlRule
{
    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        "YB1009",
        "Deferrable primary key, unique or check constraint",
        Severity.Error,
        RuleCategory.UnsupportedFeature,
        Availability.Never,
        "A DEFERRABLE {0} constraint is not supported by YugabyteDB: remove the DEFERRABLE clause so the constraint is checked at once (only foreign keys can be deferred)",
        new RuleDocs(
            "`DEFERRABLE` (or `INITIALLY DEFERRED`, which implies it) on a PRIMARY KEY, UNIQUE or CHECK constraint, declared on a column or as a table constraint, in CREATE TABLE or ALTER TABLE. Deferrable foreign keys are supported and not flagged. (PostgreSQL itself refuses DEFERRABLE on CHECK constraints.)",
            "YugabyteDB checks primary-key and unique constraints as each row is written and cannot postpone the check to commit, so it rejects the constraint definition.",
            "Remove the DEFERRABLE clause together with its INITIALLY DEFERRED / INITIALLY IMMEDIATE; the automatic fix does so. Review code that relied on deferral, e.g. swapping two unique values inside one transaction: it now needs an intermediate value or a different order of updates.",
            "CREATE TABLE slots (\n  id int PRIMARY KEY,\n  position int UNIQUE DEFERRABLE INITIALLY DEFERRED\n);",
            "CREATE TABLE slots (\n  id int PRIMARY KEY,\n  position int UNIQUE\n);"),
        hasFix: true);

    /// <inheritdoc />
    public override void Initialize(RuleRegistration registration)
    {
        registration.RegisterNodeAction(ColumnConstraints, "ColumnDef");
        registration.RegisterNodeAction(TableConstraint, "Constraint");
    }

    // On a column, DEFERRABLE and INITIALLY .. are separate attribute nodes that follow the constraint they qualify.
    private static void ColumnConstraints(NodeContext context)
    {
        if (!HasDeferrableAttribute(context.Node))
        {
            return; // nothing to report, as for most columns: no list, no token scan
        }

        string? qualified = null;
        var clauses = new List<(int First, int Last)>();
        var deferrable = false;
        foreach (var item in context.Node.Items("constraints").Append(default))
        {
            item.Is("Constraint", out var constraint);
            var contype = constraint.Str("contype");
            var clause = AttributeClause(context.Statement, constraint, contype);
            if (clause is not null)
            {
                clauses.Add(clause.Value);
                deferrable |= contype is "CONSTR_ATTR_DEFERRABLE" or "CONSTR_ATTR_DEFERRED";
                continue;
            }

            if (deferrable && qualified is not null)
            {
                Report(context, qualified, clauses);
            }

            qualified = Label(contype);
            clauses.Clear();
            deferrable = false;
        }
    }

    private static bool HasDeferrableAttribute(ParseElement columnDef)
    {
        foreach (var item in columnDef.Items("constraints"))
        {
            if (item.Is("Constraint", out var constraint) && constraint.Str("contype") is "CONSTR_ATTR_DEFERRABLE" or "CONSTR_ATTR_DEFERRED")
            {
                return true;
            }
        }

        return false;
    }

    private static void TableConstraint(NodeContext context)
    {
        var node = context.Node;
        var label = Label(node.Str("contype"));
        if (label is null || !(node.Bool("deferrable") || node.Bool("initdeferred")))
        {
            return;
        }

        var clauses = TableConstraintClauses(context.Statement, node.Location());
        if (clauses.Count > 0)
        {
            Report(context, label, clauses);
        }
        else
        {
            context.ReportAt(node.Location(), label);
        }
    }

    // The DEFERRABLE and INITIALLY .. tokens of a table constraint, which ends at a comma or ")" outside its own parentheses.
    private static List<(int First, int Last)> TableConstraintClauses(StatementContext statement, int location)
    {
        var clauses = new List<(int First, int Last)>();
        var depth = 0;
        for (var i = statement.TokenIndexAtLocation(location); i >= 0 && depth >= 0 && statement.Tokens[i].Span.Start < statement.Span.End; i = statement.NextToken(i))
        {
            var kind = statement.Tokens[i].Kind;
            if (depth == 0 && kind == TokenKind.ASCII_44)
            {
                break;
            }

            depth += kind == TokenKind.ASCII_40 ? 1 : kind == TokenKind.ASCII_41 ? -1 : 0;
            var previous = statement.PreviousToken(i);
            if (depth == 0 && kind == TokenKind.DEFERRABLE && (previous < 0 || statement.Tokens[previous].Kind != TokenKind.NOT))
            {
                clauses.Add((i, i));
            }
            else if (depth == 0 && kind == TokenKind.INITIALLY && statement.NextToken(i) >= 0)
            {
                clauses.Add((i, statement.NextToken(i)));
            }
        }

        return clauses;
    }

    // Tokens are located only for the attribute nodes: scanning every column's statement would cost more than the rule.
    private static (int First, int Last)? AttributeClause(StatementContext statement, ParseElement constraint, string? contype)
    {
        switch (contype)
        {
            case "CONSTR_ATTR_NOT_DEFERRABLE":
                return (-1, -1);
            case "CONSTR_ATTR_DEFERRABLE":
                var keyword = statement.TokenIndexAtLocation(constraint.Location());
                return (keyword, keyword);
            case "CONSTR_ATTR_DEFERRED" or "CONSTR_ATTR_IMMEDIATE":
                var initially = statement.TokenIndexAtLocation(constraint.Location());
                return (initially, statement.NextToken(initially));
            default:
                return null;
        }
    }

    private static void Report(NodeContext context, string label, List<(int First, int Last)> clauses)
    {
        var statement = context.Statement;
        var removable = clauses.Where(c => c.First >= 0 && c.Last >= c.First).ToList();
        if (removable.Count == 0)
        {
            return;
        }

        var span = statement.SpanOfTokens(removable[0].First, removable[0].Last);
        var fix = DdlSyntax.Combine("Remove DEFERRABLE", Merge(statement, removable).Select(c => statement.DeleteTokens("Remove DEFERRABLE", c.First, c.Last)));
        context.ReportWithFix(span, fix, label);
    }

    // Adjacent clauses are deleted as one range, so the white space between them goes too.
    private static IEnumerable<(int First, int Last)> Merge(StatementContext statement, List<(int First, int Last)> clauses)
    {
        var ordered = clauses.OrderBy(c => c.First).ToList();
        var current = ordered[0];
        foreach (var next in ordered.Skip(1))
        {
            if (statement.NextToken(current.Last) == next.First)
            {
                current = (current.First, next.Last);
                continue;
            }

            yield return current;
            current = next;
        }

        yield return current;
    }

    private static string? Label(string? contype) => contype switch
    {
        "CONSTR_PRIMARY" => "PRIMARY KEY",
        "CONSTR_UNIQUE" => "UNIQUE",
        "CONSTR_CHECK" => "CHECK",
        _ => null,
    };
}
