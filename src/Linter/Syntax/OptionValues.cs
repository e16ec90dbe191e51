using System;
using System.Collections.Generic;
using System.Linq;
using YbMigrate.Linter.Engine;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Syntax;

/// <summary>Reading the values of <c>name = value</c> options (DefElem) the way PostgreSQL does.</summary>
internal static class OptionValues
{
    /// <summary>The DefElem options called <paramref name="name"/> in a list field of <paramref name="node"/>.</summary>
    public static IEnumerable<ParseElement> Named(ParseElement node, string field, string name) =>
        node.DefElems(field).Where(option => option.Str("defname") == name);

    /// <summary>
    /// The option as a boolean: an option written without a value is true (as PostgreSQL's
    /// defGetBoolean has it); null when the value is not a boolean.
    /// </summary>
    public static bool? AsBoolean(ParseElement defElem) =>
        defElem.Has("arg") ? ParseBoolean(PgJson.DefElemText(defElem)) : true;

    /// <summary>PostgreSQL's parse_bool: true/false, yes/no, on/off, 1/0 and their unique prefixes, any case.</summary>
    public static bool? ParseBoolean(string? text)
    {
        var value = text?.Trim().ToLowerInvariant() ?? string.Empty;
        if (value.Length == 0)
        {
            return null;
        }

        if (value == "1" || value == "on" || "true".StartsWith(value, StringComparison.Ordinal) || "yes".StartsWith(value, StringComparison.Ordinal))
        {
            return true;
        }

        if (value == "0" || (value.Length >= 2 && "off".StartsWith(value, StringComparison.Ordinal)) || "false".StartsWith(value, StringComparison.Ordinal) || "no".StartsWith(value, StringComparison.Ordinal))
        {
            return false;
        }

        return null;
    }

    /// <summary>The span of an option from its name to its value (<c>deterministic = false</c>), or of its name alone.</summary>
    public static TextSpan Span(StatementContext statement, ParseElement defElem)
    {
        var first = statement.TokenIndexAt(statement.ToSourceOffset(defElem.Location()));
        if (first < 0)
        {
            return statement.TokenSpanAt(defElem.Location());
        }

        if (!defElem.Has("arg"))
        {
            return statement.Tokens[first].Span;
        }

        var value = statement.NextToken(first);
        if (value >= 0 && statement.Tokens[value].Kind == TokenKind.ASCII_61)
        {
            value = statement.NextToken(value);
        }

        return value < 0 ? statement.Tokens[first].Span : statement.SpanOfTokens(first, value);
    }
}
