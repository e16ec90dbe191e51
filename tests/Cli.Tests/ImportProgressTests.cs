using System;
using Spectre.Console;
using Spectre.Console.Testing;
using YbMigrate.Cli.Progress;
using YbMigrate.Migration.Data.Import;

namespace YbMigrate.Cli.Tests;

/// <summary>The progress bars a terminal gets, rendered on Spectre.Console's test console.</summary>
public sealed class ImportProgressTests
{
    [Fact]
    public void A_bar_per_table_with_rows_per_second_and_retries_above()
    {
        var console = new TestConsole().Interactive().Width(160);

        new Spectre.Console.Progress(console).AutoRefresh(false).AutoClear(false).Columns(SpectreImportProgress.Columns()).Start(context =>
        {
            var progress = new SpectreImportProgress(context, console);
            progress.Started(new ImportStart("PostgreSQL", 1, 2, new[]
            {
                new TableStart("public.orders", 40_000, 10_000_000, 0, 0),
                new TableStart("public.[lines]", 10, 1_000, 10, 1_000),
            }));
            progress.Retrying(new BatchRetry("public.orders", "public.orders.1.csv", new RecordRange(0, 5_000_000, 20_000, 1), 1, TimeSpan.FromSeconds(0.5), "ERROR 57P01: terminating connection"));
            progress.BatchLoaded(new BatchDone("public.orders", "public.orders.1.csv", new RecordRange(0, 5_000_000, 20_000, 1), 0, TimeSpan.FromSeconds(1)));
            context.Refresh();
        });

        var screen = console.Output;
        Assert.Contains("retry public.orders data/public.orders.1.csv from line 1: ERROR 57P01: terminating connection", screen);
        Assert.Contains("public.orders", screen);
        Assert.Contains("50%", screen);
        Assert.Contains("rows/s", screen);
        Assert.Contains("public.[lines]", screen);
        Assert.Contains("100%", screen);
    }
}
