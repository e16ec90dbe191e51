using System;

namespace YbMigrate.Cli;

internal static class Program
{
    /// <summary>Read by .NET's socket engine when it starts, so it is set before any connection is opened.</summary>
    private const string InlineSocketCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    private static int Main(string[] args)
    {
        // COPY TO STDOUT sends one message per row and the reader often waits for the next: by
        // default each wait is handed to the thread pool and back, which cost export 2.5 times the
        // CPU of reading the rows (bench/RESULTS.md). Inline, the socket thread wakes the reader
        // itself; nothing here blocks in a socket continuation.
        if (Environment.GetEnvironmentVariable(InlineSocketCompletions) is null)
        {
            Environment.SetEnvironmentVariable(InlineSocketCompletions, "1");
        }

        return CliApp.Run(args, Console.Out, Console.Error);
    }
}
