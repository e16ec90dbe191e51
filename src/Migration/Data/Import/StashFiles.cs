using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace YbMigrate.Migration.Data.Import;

/// <summary>
/// DIR/errors/: the rows --on-error stash kept out of a table. <c>schema.table.csv</c> holds the bad
/// records as they were in the data file (fix them and load that file); <c>schema.table.reasons.csv</c>
/// says for each, in the same order, its file, line, column and the server's message.
/// </summary>
internal static class StashFiles
{
    /// <summary>Rewrites both files of a table from all its stashed rows; returns their paths.</summary>
    public static IReadOnlyList<string> Write(string errorsDirectory, TableData table, IReadOnlyList<RejectedRecord> rejects)
    {
        Directory.CreateDirectory(errorsDirectory);
        var records = Path.Combine(errorsDirectory, $"{table.DisplayName}.csv");
        var reasons = Path.Combine(errorsDirectory, $"{table.DisplayName}.reasons.csv");
        using (var output = File.Create(records))
        {
            foreach (var reject in rejects)
            {
                output.Write(reject.Record);
                if (reject.Record.Length == 0 || reject.Record[^1] != (byte)'\n')
                {
                    output.WriteByte((byte)'\n');
                }
            }
        }

        var text = new StringBuilder("file,line,column,sqlstate,message\n");
        foreach (var reject in rejects)
        {
            text.Append(string.Join(",", new[] { "data/" + reject.File, reject.Line.ToString(System.Globalization.CultureInfo.InvariantCulture), reject.Column ?? "", reject.SqlState, reject.Message }.Select(Field)))
                .Append('\n');
        }

        File.WriteAllText(reasons, text.ToString());
        return new[] { records, reasons };
    }

    // A CSV field, quoted when it has to be.
    private static string Field(string value) =>
        value.IndexOfAny(new[] { ',', '"', '\n', '\r' }) < 0 ? value : "\"" + value.Replace("\"", "\"\"") + "\"";
}
