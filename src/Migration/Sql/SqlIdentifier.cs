using System.Collections.Concurrent;
using System.Text;
using YbMigrate.PgQuery;

namespace YbMigrate.Migration.Sql;

/// <summary>Quoting of identifiers and literals for generated PostgreSQL DDL.</summary>
public static class SqlIdentifier
{
    private static readonly ConcurrentDictionary<string, bool> KeywordCache = new();

    /// <summary>
    /// Quotes <paramref name="name"/> when PostgreSQL would not read it back unchanged: anything but
    /// lower-case ASCII letters, digits and underscores (digits not first), and keywords that are not
    /// unreserved, as the server's quote_ident does.
    /// </summary>
    public static string Quote(string name)
    {
        if (IsPlain(name) && !IsKeywordNeedingQuotes(name))
        {
            return name;
        }

        return "\"" + name.Replace("\"", "\"\"") + "\"";
    }

    /// <summary>A schema-qualified name, each part quoted as needed.</summary>
    public static string Qualify(string schema, string name) => Quote(schema) + "." + Quote(name);

    /// <summary>A SQL string literal (standard_conforming_strings on): single quotes doubled.</summary>
    public static string Literal(string value) => "'" + value.Replace("'", "''") + "'";

    private static bool IsPlain(string name)
    {
        if (name.Length == 0 || !(name[0] is >= 'a' and <= 'z' or '_'))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_'))
            {
                return false;
            }
        }

        return true;
    }

    // The parser's own keyword table (libpg_query's scanner) decides, so the list never drifts
    // from the PostgreSQL version the linter parses.
    private static bool IsKeywordNeedingQuotes(string name) => KeywordCache.GetOrAdd(name, static n =>
    {
        var scan = PgQuery.PgQuery.Scan(n);
        return scan.Tokens.Count == 1 && scan.Tokens[0].KeywordKind is not KeywordKind.None and not KeywordKind.Unreserved;
    });

    internal static string JoinQuoted(System.Collections.Generic.IEnumerable<string> names)
    {
        var text = new StringBuilder();
        foreach (var name in names)
        {
            if (text.Length > 0)
            {
                text.Append(", ");
            }

            text.Append(Quote(name));
        }

        return text.ToString();
    }
}
