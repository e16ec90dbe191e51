using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.Json;

namespace YbMigrate.Migration.Verify;

/// <summary>The verification as text (for the terminal), JSON (for tools) or one self-contained XHTML page (for people).</summary>
public static class VerifyReport
{
    /// <summary>"OK", "EXPECTED", "DIFFERS", "MISSING", "EXTRA".</summary>
    public static string Label(VerifyStatus status) => status.ToString().ToUpperInvariant();

    /// <summary>The last line of every report: PASSED, or FAILED with how many differences.</summary>
    public static string Verdict(VerifyResult result)
    {
        var catalog = result.Catalog.Count(d => d.Unexpected);
        var tables = result.Tables.Count(t => t.Status != VerifyStatus.Ok);
        var expected = result.Catalog.Count - catalog;
        return result.Passed
            ? $"PASSED: {result.ObjectsCompared} object(s) and {result.Tables.Count} table(s) match{(expected > 0 ? $" ({expected} expected difference(s) made by the conversion)" : "")}"
            : $"FAILED: {catalog} catalog difference(s), {tables} table(s) whose data differs or is missing";
    }

    /// <summary>The text summary: catalog differences, then a line per table.</summary>
    public static string Text(VerifyResult result)
    {
        var s = new StringBuilder();
        s.Append("verify ").Append(result.Source).Append(" -> ").Append(result.Target).Append('\n');
        s.Append("\nCatalog: ").Append(result.ObjectsCompared).Append(" object(s) compared, ").Append(result.Catalog.Count).Append(" difference(s)\n");
        foreach (var d in result.Catalog)
        {
            s.Append("  ").Append(Label(d.Status).PadRight(8)).Append(' ').Append(d.Kind).Append(' ').Append(d.Name).Append(": ").Append(d.Detail).Append('\n');
            if (d.Source is not null && d.Target is not null)
            {
                s.Append("           source: ").Append(d.Source).Append("\n           target: ").Append(d.Target).Append('\n');
            }

            if (d.ExpectedBecause is not null)
            {
                s.Append("           expected: ").Append(d.ExpectedBecause).Append('\n');
            }
        }

        if (result.Data != DataCheck.None)
        {
            var width = Math.Max(5, result.Tables.Select(t => t.Table.Length).DefaultIfEmpty(0).Max());
            s.Append("\nData (").Append(result.Data.ToString().ToLowerInvariant()).Append("): ").Append(result.Tables.Count).Append(" table(s)\n");
            s.Append("  ").Append("table".PadRight(width)).Append("  status   ").Append("source rows".PadLeft(14)).Append("target rows".PadLeft(14)).Append("      time  method\n");
            foreach (var t in result.Tables)
            {
                s.Append("  ").Append(t.Table.PadRight(width)).Append("  ").Append(Label(t.Status).PadRight(7)).Append(Rows(t.SourceRows).PadLeft(14))
                    .Append(Rows(t.TargetRows).PadLeft(14)).Append(Seconds(t.Elapsed).PadLeft(10)).Append("  ").Append(t.Method).Append('\n');
                if (t.Detail.Length > 0)
                {
                    s.Append("      ").Append(t.Detail).Append('\n');
                }

                foreach (var row in t.Rows)
                {
                    s.Append("      ").Append(row.Key).Append(": ").Append(row.Describe()).Append('\n');
                }
            }
        }

        s.Append('\n').Append(Verdict(result)).Append(" in ").Append(Seconds(result.Elapsed)).Append('\n');
        return s.ToString();
    }

    /// <summary>The JSON report.</summary>
    public static string Json(VerifyResult result)
    {
        var report = new
        {
            source = result.Source,
            target = result.Target,
            passed = result.Passed,
            verdict = Verdict(result),
            seconds = Math.Round(result.Elapsed.TotalSeconds, 3),
            data = result.Data.ToString().ToLowerInvariant(),
            catalog = new
            {
                objectsCompared = result.ObjectsCompared,
                differences = result.Catalog.Select(d => new
                {
                    kind = d.Kind, name = d.Name, status = Label(d.Status).ToLowerInvariant(), detail = d.Detail, source = d.Source, target = d.Target,
                    expectedBecause = d.ExpectedBecause,
                }),
            },
            tables = result.Tables.Select(t => new
            {
                table = t.Table, status = Label(t.Status).ToLowerInvariant(), sourceRows = t.SourceRows, targetRows = t.TargetRows, method = t.Method,
                detail = t.Detail, rangesCompared = t.RangesCompared, seconds = Math.Round(t.Elapsed.TotalSeconds, 3),
                rows = t.Rows.Select(r => new { key = r.Key, difference = r.Describe() }),
            }),
        };
        return JsonSerializer.Serialize(report, ReportJson.Options) + "\n";
    }

    /// <summary>One XHTML page with inline CSS: the verdict, a summary table, then the details.</summary>
    public static string Html(VerifyResult result)
    {
        var s = new StringBuilder();
        s.Append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n<title>yb-migrate verify</title>\n<style>\n")
            .Append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}")
            .Append("th,td{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}td.n{text-align:right}")
            .Append(".ok{background:#e6f4ea}.expected{background:#fef7e0}.differs,.missing,.extra{background:#fce8e6}")
            .Append(".verdict{font-size:1.3em;padding:.5em;border-radius:4px}code{white-space:pre-wrap}\n</style>\n</head>\n<body>\n")
            .Append("<h1>Migration verification</h1>\n<p>").Append(E(result.Source)).Append(" &#8594; ").Append(E(result.Target)).Append("</p>\n")
            .Append("<p class=\"verdict ").Append(result.Passed ? "ok" : "differs").Append("\">").Append(E(Verdict(result))).Append("</p>\n");
        if (result.Data != DataCheck.None)
        {
            s.Append("<h2>Tables</h2>\n<table>\n<tr><th>table</th><th>status</th><th>source rows</th><th>target rows</th><th>time</th><th>method</th><th>details</th></tr>\n");
            foreach (var t in result.Tables)
            {
                s.Append("<tr class=\"").Append(Label(t.Status).ToLowerInvariant()).Append("\"><td>").Append(E(t.Table)).Append("</td><td>").Append(Label(t.Status))
                    .Append("</td><td class=\"n\">").Append(Rows(t.SourceRows)).Append("</td><td class=\"n\">").Append(Rows(t.TargetRows))
                    .Append("</td><td class=\"n\">").Append(Seconds(t.Elapsed)).Append("</td><td>").Append(E(t.Method)).Append("</td><td>").Append(E(t.Detail));
                if (t.Rows.Count > 0)
                {
                    s.Append("<ul>");
                    foreach (var row in t.Rows)
                    {
                        s.Append("<li><code>").Append(E(row.Key)).Append("</code>: ").Append(E(row.Describe())).Append("</li>");
                    }

                    s.Append("</ul>");
                }

                s.Append("</td></tr>\n");
            }

            s.Append("</table>\n");
        }

        s.Append("<h2>Catalog</h2>\n<p>").Append(result.ObjectsCompared).Append(" object(s) compared, ").Append(result.Catalog.Count).Append(" difference(s).</p>\n");
        if (result.Catalog.Count > 0)
        {
            s.Append("<table>\n<tr><th>status</th><th>object</th><th>difference</th><th>source</th><th>target</th><th>expected because</th></tr>\n");
            foreach (var d in result.Catalog)
            {
                s.Append("<tr class=\"").Append(Label(d.Status).ToLowerInvariant()).Append("\"><td>").Append(Label(d.Status)).Append("</td><td>").Append(E(d.Kind + " " + d.Name))
                    .Append("</td><td>").Append(E(d.Detail)).Append("</td><td><code>").Append(E(d.Source ?? "")).Append("</code></td><td><code>").Append(E(d.Target ?? ""))
                    .Append("</code></td><td>").Append(E(d.ExpectedBecause ?? "")).Append("</td></tr>\n");
            }

            s.Append("</table>\n");
        }

        return s.Append("</body>\n</html>\n").ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Rows(long? rows) => rows?.ToString("N0", CultureInfo.InvariantCulture) ?? "-";

    private static string Seconds(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture) + " s";
}
