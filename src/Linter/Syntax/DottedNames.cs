using YbMigrate.Linter.Engine;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Syntax;

/// <summary>Locating the parts of a dotted name (<c>schema.function</c>, <c>table.column</c>) in a statement's tokens.</summary>
internal static class DottedNames
{
    /// <summary>
    /// The span of the last part of the dotted name starting at parse-tree location
    /// <paramref name="byteLocation"/>: <c>xmin</c> in <c>t.xmin</c>, <c>lock</c> in <c>pg_catalog.lock</c>.
    /// </summary>
    public static TextSpan LastPartSpan(StatementContext statement, int byteLocation)
    {
        var index = statement.TokenIndexAt(statement.ToSourceOffset(byteLocation));
        if (index < 0)
        {
            return statement.TokenSpanAt(byteLocation);
        }

        while (true)
        {
            var dot = statement.NextToken(index);
            var next = dot < 0 ? -1 : statement.NextToken(dot);
            if (next < 0 || statement.Tokens[dot].Kind != TokenKind.ASCII_46)
            {
                return statement.Tokens[index].Span;
            }

            index = next;
        }
    }
}
