using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using YbMigrate.Linter.Scripts;
using YbMigrate.PgQuery;

namespace YbMigrate.Migration.Apply;

/// <summary>One SQL statement of an exported schema file.</summary>
/// <param name="File">The file relative to the schema folder, e.g. "pre-data/06-tables.sql".</param>
/// <param name="Index">0-based position of the statement in its file.</param>
/// <param name="Line">1-based line where the statement starts; 0 for a step finalize adds itself.</param>
/// <param name="Sql">The statement, without its semicolon.</param>
public sealed record SchemaStatement(string File, int Index, int Line, string Sql)
{
    private static readonly Regex Blanks = new(@"\s+", RegexOptions.CultureInvariant);

    /// <summary>Where the statement is, "pre-data/06-tables.sql:12".</summary>
    public string Location => Line > 0 ? File + ":" + Line : File;

    /// <summary>A one-line label of the object the statement makes, e.g. "CREATE TABLE public.customers".</summary>
    public string Object
    {
        get
        {
            var firstLine = Sql.Split('\n', 2)[0];
            var label = Blanks.Replace(firstLine, " ").Trim().TrimEnd('(').TrimEnd();
            return label.Length <= 100 ? label : label[..97] + "...";
        }
    }

    /// <summary>SHA-256 of the statement text (hex): tells a statement apart from an edited one.</summary>
    public string Hash => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Sql))).ToLowerInvariant();
}

/// <summary>Reads the statements of one phase folder (pre-data or post-data) of an export, in apply order.</summary>
public static class SchemaStatements
{
    /// <summary>
    /// The statements of <c>SCHEMA_DIR/PHASE/*.sql</c>, files in ordinal name order, split the way psql
    /// reads them; psql meta-commands and inline COPY data are not SQL for the server and are left out.
    /// </summary>
    public static IReadOnlyList<SchemaStatement> Read(string schemaDirectory, string phase)
    {
        var folder = Path.Combine(schemaDirectory, phase);
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"{folder} not found: is it the output folder of `schema export`?");
        }

        var statements = new List<SchemaStatement>();
        foreach (var path in Directory.GetFiles(folder, "*.sql").Order(StringComparer.Ordinal))
        {
            var text = File.ReadAllText(path);
            var lines = new TextLines(text);
            var relative = phase + "/" + Path.GetFileName(path);
            var index = 0;
            foreach (var segment in PsqlScriptSplitter.Split(text))
            {
                if (segment.Kind != SegmentKind.Statement || segment.Span.Length == 0)
                {
                    continue;
                }

                var sql = text.Substring(segment.Span.Start, segment.Span.Length).TrimEnd();
                statements.Add(new SchemaStatement(relative, index++, lines.GetPosition(segment.Span.Start).Line, sql));
            }
        }

        return statements;
    }
}
