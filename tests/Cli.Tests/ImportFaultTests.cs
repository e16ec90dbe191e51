using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using YbMigrate.Migration.Tests;

namespace YbMigrate.Cli.Tests;

/// <summary>
/// The import when things go wrong under it: the process killed half-way (kill -9), the server
/// stopped and started during the load. Either way the target ends up with exactly the source's rows.
/// </summary>
public sealed class ImportFaultTests : IDisposable
{
    private const string Table = "CREATE TABLE public.events (id bigint PRIMARY KEY, kind integer NOT NULL, payload text, at timestamptz);";

    // Enough batches that the import is surely still running when the fault comes.
    private const string EventRows = """
        INSERT INTO public.events
        SELECT g, g % 13, 'event "' || g || '"' || CASE WHEN g % 50 = 0 THEN E'\nsecond line' ELSE '' END || repeat('.', (g % 40)::int),
               timestamptz '2025-01-01 00:00:00+00' + g * interval '1 second'
        FROM generate_series(1, 200000) g;
        """;

    private const string Reloptions = "SELECT reloptions::text FROM pg_class WHERE oid = 'public.events'::regclass";

    private readonly string _dir = Directory.CreateTempSubdirectory("yb-cli-fault").FullName;
    private readonly TestDatabase _source = new();

    public ImportFaultTests()
    {
        _source.Execute(Table + EventRows);
        TestExport.Export(_source.ConnectionString, _dir, 120000, "public.events");
    }

    public void Dispose()
    {
        _source.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void Killed_half_way_then_run_again_the_target_has_every_row_once()
    {
        using var target = new TestDatabase();
        target.Execute(Table);

        using (var import = StartCli("import", "--target", target.ConnectionString, "--in", _dir, "--batch-rows", "1000", "--parallel", "2"))
        {
            WaitFor(() => Batches(target.ConnectionString) >= 10, import);
            import.Kill(entireProcessTree: true); // SIGKILL: no cleanup of any kind
            import.WaitForExit();
        }

        // Half-way: only whole batches are in, exactly those the ledger records.
        var done = Batches(target.ConnectionString);
        Assert.InRange(done, 10, 199);
        Assert.Equal(target.Rows("SELECT sum(rows_loaded)::text FROM yb_migrate.import_batches"), target.Rows("SELECT count(*)::text FROM public.events"));
        // Autovacuum stays off the table, its own setting (none) kept in the ledger for the run that completes it.
        Assert.Equal(["{autovacuum_enabled=false}"], target.Rows(Reloptions));
        Assert.Equal(["public | events | NULL | NULL"], target.Rows("SELECT * FROM yb_migrate.import_autovacuum"));

        var (exit, output, error) = ImportCommandTests.Run("import", "--target", target.ConnectionString, "--in", _dir, "--batch-rows", "1000");

        Assert.True(exit == 0, error);
        Assert.Contains($"{Rows(done)} rows done by earlier runs", output.Replace(",", ""));
        Assert.Equal(TestExport.Digest(_source.ConnectionString, "public.events", "id"), TestExport.Digest(target.ConnectionString, "public.events", "id"));
        Assert.Equal(["200 | 200000"], target.Rows("SELECT count(*), sum(rows_loaded) FROM yb_migrate.import_batches"));
        Assert.Equal(["NULL"], target.Rows(Reloptions));
        Assert.Equal(["0"], target.Rows("SELECT count(*) FROM yb_migrate.import_autovacuum"));
    }

    [Fact]
    public async Task The_server_stopped_and_started_during_the_import_and_the_import_completes()
    {
        using var server = new OwnCluster();
        server.Execute("CREATE DATABASE fault");
        var target = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "fault" }.ConnectionString;
        TestPostgres.Execute(target, Table);

        var import = Task.Run(() => ImportCommandTests.Run("import", "--target", target, "--in", _dir, "--batch-rows", "1000", "--parallel", "2"));
        WaitFor(() => Batches(target) >= 10, null);
        server.Restart();
        var (exit, output, error) = await import.WaitAsync(TimeSpan.FromMinutes(3));

        Assert.True(exit == 0, error + output);
        Assert.Contains("retry public.events data/public.events.", output);
        var check = new NpgsqlConnectionStringBuilder(target) { Pooling = false }.ConnectionString; // pooled connections died with the server
        Assert.Equal(TestExport.Digest(_source.ConnectionString, "public.events", "id"), TestExport.Digest(check, "public.events", "id"));
        Assert.Equal(["200 | 200000"], TestPostgres.Rows(check, "SELECT count(*), sum(rows_loaded) FROM yb_migrate.import_batches"));
    }

    private static string Rows(long batches) => (batches * 1000).ToString(System.Globalization.CultureInfo.InvariantCulture);

    // The batches recorded so far (0 while the ledger does not exist or the server is away).
    private static long Batches(string connectionString)
    {
        try
        {
            using var connection = new NpgsqlConnection(connectionString);
            connection.Open();
            using var command = new NpgsqlCommand("SELECT count(*) FROM yb_migrate.import_batches", connection);
            return (long)command.ExecuteScalar()!;
        }
        catch (Exception ex) when (ex is NpgsqlException)
        {
            return 0;
        }
    }

    private static void WaitFor(Func<bool> condition, Process? process)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (process is { HasExited: true })
            {
                throw new InvalidOperationException($"the import ended (exit {process.ExitCode}) before the fault: {process.StandardError.ReadToEnd()}");
            }

            if (clock.Elapsed > TimeSpan.FromMinutes(2))
            {
                throw new TimeoutException("the import did not get going within 2 minutes");
            }

            Thread.Sleep(20);
        }
    }

    // The built command-line tool in a process of its own, as a user runs it.
    private static Process StartCli(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "dotnet-yb-migrate.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        return process;
    }

    // A PostgreSQL cluster of this test's own (scripts/pg-cluster.sh on the test server's port + 1000),
    // so restarting it disturbs no other test.
    private sealed class OwnCluster : IDisposable
    {
        private readonly string _port;

        public OwnCluster()
        {
            _port = (new NpgsqlConnectionStringBuilder(TestPostgres.ConnectionString).Port + 1000).ToString(System.Globalization.CultureInfo.InvariantCulture);
            Script("stop");
            Script("start");
            ConnectionString = new NpgsqlConnectionStringBuilder(TestPostgres.ConnectionString) { Port = int.Parse(_port, System.Globalization.CultureInfo.InvariantCulture) }.ConnectionString;
        }

        public string ConnectionString { get; }

        public void Execute(string sql) => TestPostgres.Execute(ConnectionString, sql);

        public void Restart() => Script("restart");

        public void Dispose()
        {
            NpgsqlConnection.ClearAllPools();
            Script("stop");
        }

        private void Script(string verb)
        {
            var start = new ProcessStartInfo(Path.Combine(RepositoryPaths.Root, "scripts", "pg-cluster.sh"), verb) { RedirectStandardError = true, RedirectStandardOutput = true };
            start.Environment["YB_MIGRATE_PG_PORT"] = _port;
            start.Environment.Remove("YB_MIGRATE_PG_DURABLE");
            using var script = Process.Start(start)!;
            var errors = script.StandardError.ReadToEndAsync();
            script.StandardOutput.ReadToEnd();
            script.WaitForExit();
            if (script.ExitCode != 0)
            {
                throw new InvalidOperationException($"pg-cluster.sh {verb} on port {_port} failed: {errors.Result}");
            }
        }
    }
}
