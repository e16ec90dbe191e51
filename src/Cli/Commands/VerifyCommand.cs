using System;
using System.CommandLine;
using System.IO;
using YbMigrate.Migration.Sources;
using YbMigrate.Migration.Verify;

namespace YbMigrate.Cli.Commands;

/// <summary>
/// <c>dotnet yb-migrate verify</c>: the target's catalog and rows against the source's. Exit codes: 0
/// everything matches (or differs only as the conversion meant), 1 an unexpected difference, 2 bad
/// usage or a database that cannot be read.
/// </summary>
internal static class VerifyCommand
{
    /// <summary>Exit code: something differs.</summary>
    public const int Differs = 1;

    public static Command Create(TextWriter output, TextWriter error)
    {
        var source = new SourceOptions();
        var target = new TargetOption();
        var input = new Option<string?>("--in") { Description = "The migration folder: IN/schema/report.json lists the differences the conversion made on purpose" };
        var schemas = new Option<string?>("--schemas") { Description = "Comma-separated schemas to compare (default: every user schema)" };
        var tables = new Option<string?>("--tables") { Description = "Comma-separated tables (schema.name or name) whose data is compared (default: every table)" };
        var data = new Option<string>("--data") { Description = "Data comparison: none, count (rows per table) or checksum (every row's hash, by key ranges)", DefaultValueFactory = _ => "checksum" };
        data.AcceptOnlyFromAmong("none", "count", "checksum");
        var parallel = new Option<int>("--parallel") { Description = "Tables compared at once (one connection per side each)", DefaultValueFactory = _ => 2 };
        var maxRows = new Option<int>("--max-rows") { Description = "Differing rows named per table", DefaultValueFactory = _ => 10 };
        foreach (var option in new[] { parallel, maxRows })
        {
            option.Validators.Add(result =>
            {
                if (result.GetValueOrDefault<int>() < 1)
                {
                    result.AddError($"{result.Option.Name} must be at least 1");
                }
            });
        }

        var format = new Option<string>("--format") { Description = "Report format", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "html");
        var outFile = new Option<string?>("--out") { Description = "Write the report to this file (the verdict still goes to the output)" };

        var verify = new Command("verify", "Prove the migration complete: compare the target's catalog and every table's rows with the source's, naming what differs down to the rows.")
        {
            source.Source, source.Type, target.Target, input, schemas, tables, data, parallel, maxRows, format, outFile,
        };
        verify.SetAction(parse =>
        {
            var sourceConnection = source.ConnectionString(parse, error);
            var targetConnection = sourceConnection is null ? null : target.ConnectionString(parse, error);
            if (sourceConnection is null || targetConnection is null)
            {
                return CliApp.UsageOrIoError;
            }

            var options = new VerifyOptions
            {
                Source = sourceConnection,
                SourceKind = parse.GetValue(source.Type) == "sqlserver" ? SourceKind.SqlServer : SourceKind.PostgreSql,
                Target = targetConnection,
                MigrationDirectory = parse.GetValue(input),
                Schemas = Split(parse.GetValue(schemas)),
                Tables = Split(parse.GetValue(tables)),
                Data = Enum.Parse<DataCheck>(parse.GetValue(data)!, ignoreCase: true),
                Parallel = parse.GetValue(parallel),
                MaxRows = parse.GetValue(maxRows),
            };
            return Verify(output, error, options, parse.GetValue(format)!, parse.GetValue(outFile));
        });
        return verify;
    }

    private static int Verify(TextWriter output, TextWriter error, VerifyOptions options, string format, string? outFile)
    {
        VerifyResult? result = null;
        // The provider's messages name the servers; the connection strings are not printed (passwords).
        var failed = DatabaseFailures.Run(error, null, () =>
        {
            result = Verifier.Run(options);
            return CliApp.Success;
        });
        if (result is null)
        {
            return failed;
        }

        var report = format switch
        {
            "json" => VerifyReport.Json(result),
            "html" => VerifyReport.Html(result),
            _ => VerifyReport.Text(result),
        };
        if (outFile is null)
        {
            output.Write(report);
        }
        else
        {
            try
            {
                File.WriteAllText(outFile, report);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"error: {outFile}: {ex.Message}");
                return CliApp.UsageOrIoError;
            }

            output.WriteLine($"{VerifyReport.Verdict(result)}; report written to {outFile}");
        }

        return result.Passed ? CliApp.Success : Differs;
    }

    private static string[] Split(string? names) =>
        (names ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
