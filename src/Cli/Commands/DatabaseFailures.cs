using System;
using System.Data.Common;
using System.IO;
using System.Threading.Tasks;
using YbMigrate.Migration;
using YbMigrate.PgQuery;

namespace YbMigrate.Cli.Commands;

/// <summary>
/// What stops a database command outside its own results, reported the same way by every command:
/// one "error:" line naming the cause (the server by its password-free display string) and exit code 2.
/// </summary>
internal static class DatabaseFailures
{
    /// <summary>
    /// Runs <paramref name="work"/>. A server's error is prefixed with <paramref name="display"/> when given
    /// (null when the provider's message names the server itself); <paramref name="hint"/>, when given,
    /// follows the message of a failure the user can fix.
    /// </summary>
    public static int Run(TextWriter error, string? display, Func<int> work, string? hint = null) =>
        RunAsync(error, display, () => Task.FromResult(work()), hint).GetAwaiter().GetResult();

    /// <inheritdoc cref="Run"/>
    public static async Task<int> RunAsync(TextWriter error, string? display, Func<Task<int>> work, string? hint = null)
    {
        try
        {
            return await work();
        }
        catch (ArgumentException ex)
        {
            error.WriteLine("error: bad connection string: " + ex.Message);
        }
        catch (DbException ex)
        {
            error.WriteLine(display is null ? "error: " + ex.Message : $"error: {display}: {ex.Message}");
        }
        catch (Exception ex) when (ex is MigrationException or IOException or UnauthorizedAccessException or LibPgQueryNotFoundException)
        {
            error.WriteLine("error: " + ex.Message);
            if (hint is not null)
            {
                error.WriteLine(hint);
            }
        }

        return CliApp.UsageOrIoError;
    }
}
