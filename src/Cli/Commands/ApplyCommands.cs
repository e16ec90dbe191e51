using System;
using System.CommandLine;
using System.IO;
using YbMigrate.Migration.Apply;
using YbMigrate.Migration.Sources;

namespace YbMigrate.Cli.Commands;

/// <summary>
/// <c>schema import</c> and <c>finalize</c>: the exported files applied to a target. Exit codes:
/// 0 every statement applied or already there, 1 a statement failed, 2 bad usage or no connection.
/// </summary>
internal static class ApplyCommands
{
    /// <summary>Exit code: a statement failed.</summary>
    public const int StatementFailed = 1;

    public static Command CreateImport(TextWriter output, TextWriter error)
    {
        var (target, input) = CommonOptions();
        var continueOnError = new Option<bool>("--continue-on-error")
        {
            Description = "Write a failing statement to IN/schema/failed.sql with its error and go on",
        };
        var import = new Command("import", "Apply the exported pre-data files (IN/schema/pre-data) to the target; objects already there are skipped.")
        {
            target.Target, input, continueOnError,
        };
        import.SetAction(parse => Run(output, error, target.ConnectionString(parse, error), "imported", connection =>
            SchemaImporter.Import(connection, new SchemaImportOptions
            {
                InputDirectory = parse.GetValue(input)!,
                ContinueOnError = parse.GetValue(continueOnError),
            }, Printer(output))));
        return import;
    }

    public static Command CreateFinalize(TextWriter output, TextWriter error)
    {
        var (target, input) = CommonOptions();
        var parallel = new Option<int>("--parallel") { Description = "Indexes built at once, one connection each", DefaultValueFactory = _ => 4 };
        parallel.Validators.Add(result =>
        {
            if (result.GetValue(parallel) < 1)
            {
                result.AddError("--parallel must be at least 1");
            }
        });
        var finalize = new Command("finalize",
            "After the data is loaded: apply the exported post-data files (indexes, constraints validated, triggers) and move sequences past the data. A rerun goes on where the last one stopped.")
        {
            target.Target, input, parallel,
        };
        finalize.SetAction(parse => Run(output, error, target.ConnectionString(parse, error), "finalized", connection =>
            SchemaFinalizer.Finalize(connection, new FinalizeOptions
            {
                InputDirectory = parse.GetValue(input)!,
                Parallel = parse.GetValue(parallel),
            }, Printer(output))));
        return finalize;
    }

    private static (TargetOption Target, Option<string> Input) CommonOptions() =>
        (new TargetOption(),
         new Option<string>("--in") { Description = "The folder `schema export` wrote (the files are in IN/schema/)", Required = true });

    private static Action<StatementOutcome> Printer(TextWriter output) => outcome =>
    {
        var status = outcome.Status switch
        {
            StatementStatus.Applied => "applied",
            StatementStatus.AlreadyExists => "exists, skipped",
            StatementStatus.AlreadyDone => "done before",
            _ => "FAILED",
        };
        output.WriteLine($"{status,-16}{outcome.Statement.Location}  {outcome.Statement.Object}");
    };

    private static int Run(TextWriter output, TextWriter error, string? target, string verb, Func<string, ApplyResult> apply)
    {
        if (target is null)
        {
            return CliApp.UsageOrIoError;
        }

        var display = ConnectionStrings.RedactPostgreSql(target);
        return DatabaseFailures.Run(error, display, () =>
        {
            var result = apply(target);
            output.WriteLine($"{verb} {display}: {result.Count(StatementStatus.Applied)} applied, " +
                $"{result.Count(StatementStatus.AlreadyExists) + result.Count(StatementStatus.AlreadyDone)} already there, {result.Count(StatementStatus.Failed)} failed");
            if (result.StoppedAt is { } stop)
            {
                error.WriteLine("error: " + stop.Describe());
                error.WriteLine("stopped there; fix it and run again: what is done is skipped.");
                return StatementFailed;
            }

            if (result.FailedSqlPath is not null)
            {
                error.WriteLine($"error: {result.Count(StatementStatus.Failed)} statement(s) failed; they are in {result.FailedSqlPath} with their errors.");
                return StatementFailed;
            }

            return CliApp.Success;
        });
    }
}
