using System.Collections.Generic;
using System.Linq;
using YbMigrate.Linter.Engine;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Syntax;

/// <summary>A PRIMARY KEY or UNIQUE constraint with the columns it covers.</summary>
internal readonly struct KeyConstraint
{
    public KeyConstraint(ParseElement node, IReadOnlyList<string> columns)
    {
        Node = node;
        Columns = columns;
    }

    /// <summary>The Constraint node.</summary>
    public ParseElement Node { get; }

    /// <summary>The key columns (the column itself for a column constraint).</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>True for PRIMARY KEY, false for UNIQUE.</summary>
    public bool IsPrimaryKey => Node.Str("contype") == "CONSTR_PRIMARY";
}

/// <summary>Constraints and partition keys of CREATE TABLE / ALTER TABLE statements, and where they are written.</summary>
internal static class TableDefinitionNodes
{
    /// <summary>The PRIMARY KEY and UNIQUE constraints of a CreateStmt (column and table constraints) or an AlterTableStmt (ADD CONSTRAINT).</summary>
    public static IReadOnlyList<KeyConstraint> KeyConstraints(ParseElement statement)
    {
        List<KeyConstraint>? keys = null; // most statements have none: nothing is allocated then
        foreach (var element in statement.Items("tableElts"))
        {
            if (element.Is("ColumnDef", out var column))
            {
                string[]? name = null;
                foreach (var item in column.Items("constraints"))
                {
                    if (item.Is("Constraint", out var constraint) && IsKey(constraint))
                    {
                        name ??= new[] { column.Str("colname") ?? string.Empty };
                        (keys ??= new List<KeyConstraint>()).Add(new KeyConstraint(constraint, name));
                    }
                }
            }
            else if (element.Is("Constraint", out var constraint) && IsKey(constraint))
            {
                (keys ??= new List<KeyConstraint>()).Add(new KeyConstraint(constraint, constraint.Names("keys")));
            }
        }

        if (statement.Has("cmds"))
        {
            foreach (var command in AddedConstraints(statement))
            {
                if (IsKey(command))
                {
                    (keys ??= new List<KeyConstraint>()).Add(new KeyConstraint(command, command.Names("keys")));
                }
            }
        }

        return keys ?? (IReadOnlyList<KeyConstraint>)System.Array.Empty<KeyConstraint>();
    }

    /// <summary>The constraints an AlterTableStmt adds with ADD CONSTRAINT (or ADD PRIMARY KEY, ADD UNIQUE ...).</summary>
    public static IEnumerable<ParseElement> AddedConstraints(ParseElement alterTable)
    {
        foreach (var item in alterTable.Items("cmds"))
        {
            if (item.Is("AlterTableCmd", out var command) && command.Str("subtype") == "AT_AddConstraint" && command.Field("def").Is("Constraint", out var constraint))
            {
                yield return constraint;
            }
        }
    }

    /// <summary>The PartitionElem nodes of a CreateStmt's PARTITION BY clause (empty for a table that is not partitioned).</summary>
    public static IReadOnlyList<ParseElement> PartitionElements(ParseElement createTable) =>
        !createTable.Has("partspec") ? System.Array.Empty<ParseElement>() : createTable.Field("partspec").Items("partParams")
            .Select(item => item.Is("PartitionElem", out var element) ? element : default)
            .Where(element => element.ValueKind == ElementKind.Object)
            .ToList();

    /// <summary>True for a partition key element that is an expression rather than a plain column.</summary>
    public static bool IsExpression(ParseElement partitionElement) => !partitionElement.Has("name");

    /// <summary>
    /// The span of the partition key elements <paramref name="first"/>..<paramref name="last"/>, from the
    /// first one's start to the end of the last one (its COLLATE and operator class included).
    /// </summary>
    public static TextSpan PartitionElementsSpan(StatementContext statement, ParseElement first, ParseElement last)
    {
        var start = statement.TokenIndexAt(statement.ToSourceOffset(first.Location()));
        var lastStart = statement.TokenIndexAt(statement.ToSourceOffset(last.Location()));
        if (start < 0 || lastStart < 0)
        {
            return statement.TokenSpanAt(first.Location());
        }

        return statement.SpanOfTokens(start, ElementEnd(statement, lastStart));
    }

    /// <summary>The span of the first <paramref name="keyword"/> token at or after a parse-tree location (e.g. PRIMARY of a constraint named with CONSTRAINT x).</summary>
    public static TextSpan KeywordSpan(StatementContext statement, int byteLocation, TokenKind keyword)
    {
        var from = statement.TokenIndexAt(statement.ToSourceOffset(byteLocation));
        var index = statement.FindToken(keyword, from < 0 ? 0 : from);
        return index >= 0 ? statement.Tokens[index].Span : statement.TokenSpanAt(byteLocation);
    }

    /// <summary>The span of a possibly qualified name (<c>schema.table</c>) whose first part is at a parse-tree location.</summary>
    public static TextSpan QualifiedNameSpan(StatementContext statement, int byteLocation)
    {
        var first = statement.TokenIndexAt(statement.ToSourceOffset(byteLocation));
        if (first < 0)
        {
            return statement.TokenSpanAt(byteLocation);
        }

        var last = first;
        for (var dot = statement.NextToken(last); dot >= 0 && statement.Tokens[dot].Kind == TokenKind.ASCII_46; dot = statement.NextToken(last))
        {
            var part = statement.NextToken(dot);
            if (part < 0)
            {
                break;
            }

            last = part;
        }

        return statement.SpanOfTokens(first, last);
    }

    private static bool IsKey(ParseElement constraint) => constraint.Str("contype") is "CONSTR_PRIMARY" or "CONSTR_UNIQUE";

    // The last token of a list element: the one before the ',' or ')' that closes it at its own depth.
    private static int ElementEnd(StatementContext statement, int start)
    {
        var depth = 0;
        var end = start;
        for (var i = start; i >= 0 && i < statement.Tokens.Count; i = statement.NextToken(i))
        {
            var kind = statement.Tokens[i].Kind;
            if (depth == 0 && (kind == TokenKind.ASCII_44 || kind == TokenKind.ASCII_41))
            {
                break;
            }

            depth += kind == TokenKind.ASCII_40 ? 1 : kind == TokenKind.ASCII_41 ? -1 : 0;
            end = i;
        }

        return end;
    }
}
