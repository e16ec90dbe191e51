using System.Text.RegularExpressions;

namespace YbMigrate.Migration.Export;

/// <summary>
/// Names the object a statement of the exported schema creates or alters, e.g. "INDEX public.orders_total_idx",
/// so the schema report can say what each fix touched and <c>verify</c> can expect the difference.
/// It reads the forms <see cref="SchemaScript"/> writes (and pg_get_*def prints), not arbitrary SQL.
/// </summary>
public static partial class StatementObject
{
    private const string Name = @"(?:""(?:[^""]|"""")*""|[^\s.(""]+)";
    private const string Qualified = Name + @"(?:\." + Name + ")?";

    /// <summary>
    /// "KIND schema.name" (a table constraint, a column and a trigger: "KIND schema.table.name"), or null for a
    /// statement of another form. In a CREATE TABLE, <paramref name="line"/> (the changed line) tells the column
    /// or constraint it defines.
    /// </summary>
    public static string? Of(string statement, string? line = null)
    {
        var text = Comments().Replace(statement, "").Trim();
        if (Index().Match(text) is { Success: true } index)
        {
            return "INDEX " + SchemaOf(index.Groups["table"].Value) + index.Groups["name"].Value;
        }

        if (Trigger().Match(text) is { Success: true } trigger)
        {
            return "TRIGGER " + trigger.Groups["table"].Value + "." + trigger.Groups["name"].Value;
        }

        if (Constraint().Match(text) is { Success: true } constraint)
        {
            return "CONSTRAINT " + constraint.Groups["table"].Value + "." + constraint.Groups["name"].Value;
        }

        if (Created().Match(text) is { Success: true } created)
        {
            var kind = Regex.Replace(created.Groups["kind"].Value.ToUpperInvariant(), @"\s+", " ");
            if (kind == "TABLE" && line is not null && TableElement().Match(line) is { Success: true } element)
            {
                var what = element.Groups["constraint"].Success ? "CONSTRAINT " : "COLUMN ";
                return what + created.Groups["name"].Value + "." + element.Groups["name"].Value;
            }

            return (kind == "PROCEDURE" ? "FUNCTION" : kind.Replace("MATERIALIZED ", "")) + " " + created.Groups["name"].Value;
        }

        return Altered().Match(text) is { Success: true } altered
            ? altered.Groups["kind"].Value.ToUpperInvariant() + " " + altered.Groups["name"].Value
            : null;
    }

    // An index's name is unqualified: it lives in its table's schema.
    private static string SchemaOf(string table)
    {
        var dot = Regex.Match(table, "^(" + Name + @")\.");
        return dot.Success ? dot.Groups[1].Value + "." : "";
    }

    [GeneratedRegex(@"--[^\n]*")]
    private static partial Regex Comments();

    // A line of CREATE TABLE's list: "    total numeric(10,2) NOT NULL," or "    CONSTRAINT orders_pkey PRIMARY KEY (id)"
    [GeneratedRegex(@"^\s+(?:(?<constraint>CONSTRAINT)\s+)?(?<name>" + Name + @")\s", RegexOptions.IgnoreCase)]
    private static partial Regex TableElement();

    [GeneratedRegex(@"^CREATE\s+(?:UNIQUE\s+)?INDEX\s+(?:CONCURRENTLY\s+)?(?:IF\s+NOT\s+EXISTS\s+)?(?<name>" + Name + @")\s+ON\s+(?:ONLY\s+)?(?<table>" + Qualified + ")", RegexOptions.IgnoreCase)]
    private static partial Regex Index();

    [GeneratedRegex(@"^CREATE\s+(?:OR\s+REPLACE\s+)?(?:CONSTRAINT\s+)?TRIGGER\s+(?<name>" + Name + @")\s.*?\sON\s+(?<table>" + Qualified + ")", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Trigger();

    [GeneratedRegex(@"^ALTER\s+TABLE\s+(?:ONLY\s+)?(?<table>" + Qualified + @")\s+ADD\s+CONSTRAINT\s+(?<name>" + Name + ")", RegexOptions.IgnoreCase)]
    private static partial Regex Constraint();

    [GeneratedRegex(@"^CREATE\s+(?:OR\s+REPLACE\s+)?(?:UNLOGGED\s+)?(?<kind>TABLE|VIEW|MATERIALIZED\s+VIEW|SEQUENCE|FUNCTION|PROCEDURE|AGGREGATE|TYPE|DOMAIN|SCHEMA)\s+(?:IF\s+NOT\s+EXISTS\s+)?(?<name>" + Qualified + ")", RegexOptions.IgnoreCase)]
    private static partial Regex Created();

    [GeneratedRegex(@"^ALTER\s+(?<kind>TABLE|SEQUENCE|INDEX|VIEW|FUNCTION|TYPE|DOMAIN)\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?(?<name>" + Qualified + ")", RegexOptions.IgnoreCase)]
    private static partial Regex Altered();
}
