using System;
using System.IO;
using Npgsql;
using YbMigrate.Migration.Export;
using YbMigrate.Migration.Sources;

namespace YbMigrate.Migration.Apply;

/// <summary>How to import.</summary>
public sealed class SchemaImportOptions
{
    /// <summary>The export's output folder (the files are in IN/schema/pre-data).</summary>
    public string InputDirectory { get; set; } = ".";

    /// <summary>Record a failing statement in IN/schema/failed.sql and go on, instead of stopping.</summary>
    public bool ContinueOnError { get; set; }
}

/// <summary>
/// <c>schema import</c>: applies the pre-data files to the target, statement by statement in file
/// order. A statement whose object already exists is skipped (never dropped), so a rerun is safe.
/// A failure stops the run, or with <see cref="SchemaImportOptions.ContinueOnError"/> is written
/// to failed.sql with the error as a comment.
/// </summary>
public static class SchemaImporter
{
    /// <summary>The file failed statements go to, in the schema folder.</summary>
    public const string FailedFileName = "failed.sql";

    /// <summary>Runs the import; <paramref name="report"/> hears of every statement as it finishes.</summary>
    public static ApplyResult Import(string targetConnectionString, SchemaImportOptions options, Action<StatementOutcome>? report = null)
    {
        var schemaDirectory = Path.Combine(options.InputDirectory, "schema");
        var statements = SchemaStatements.Read(schemaDirectory, SchemaScript.PreData);
        var failedPath = Path.Combine(schemaDirectory, FailedFileName);
        // failed.sql tells about the last run only: what failed before and works now is not in it.
        File.Delete(failedPath);

        var result = new ApplyResult { Target = ConnectionStrings.RedactPostgreSql(targetConnectionString) };
        using var connection = TargetDatabase.Open(targetConnectionString);
        foreach (var statement in statements)
        {
            StatementOutcome outcome;
            try
            {
                TargetDatabase.Execute(connection, statement.Sql);
                outcome = new StatementOutcome(statement, StatementStatus.Applied);
            }
            catch (PostgresException ex) when (TargetDatabase.AlreadyExists(ex))
            {
                outcome = new StatementOutcome(statement, StatementStatus.AlreadyExists);
            }
            catch (PostgresException ex)
            {
                outcome = new StatementOutcome(statement, StatementStatus.Failed, TargetDatabase.Describe(ex));
            }

            result.Outcomes.Add(outcome);
            report?.Invoke(outcome);
            if (outcome.Status != StatementStatus.Failed)
            {
                continue;
            }

            if (!options.ContinueOnError)
            {
                result.StoppedAt = outcome;
                break;
            }

            AppendFailed(failedPath, outcome);
            result.FailedSqlPath = failedPath;
        }

        return result;
    }

    private static void AppendFailed(string path, StatementOutcome outcome)
    {
        var header = File.Exists(path) ? "" : "-- Statements `dotnet yb-migrate schema import` could not apply, each after its error.\n\n";
        var error = (outcome.Error ?? "").Replace("\n", "\n-- ");
        File.AppendAllText(path, $"{header}-- {outcome.Statement.Location}: {error}\n{outcome.Statement.Sql};\n\n");
    }
}
