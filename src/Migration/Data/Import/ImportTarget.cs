using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace YbMigrate.Migration.Data.Import;

/// <summary>The target as the import sees it: what it is, how to connect to all of it, how many streams.</summary>
internal sealed class ImportTarget : IAsyncDisposable
{
    private ImportTarget(ImportDialect dialect, NpgsqlDataSource dataSource, int nodes, int parallel)
    {
        Dialect = dialect;
        DataSource = dataSource;
        Nodes = nodes;
        Parallel = parallel;
    }

    public ImportDialect Dialect { get; }

    /// <summary>The import's connections: over every node of a YugabyteDB cluster, load-balanced.</summary>
    public NpgsqlDataSource DataSource { get; }

    /// <summary>Hosts the connections are spread over.</summary>
    public int Nodes { get; }

    /// <summary>Streams at once.</summary>
    public int Parallel { get; }

    /// <summary>Connects, finds out whether the target is PostgreSQL or YugabyteDB, and for YugabyteDB lists its nodes.</summary>
    public static async Task<ImportTarget> ConnectAsync(string connectionString, ImportOptions options, CancellationToken cancel)
    {
        var first = Connect(connectionString);
        try
        {
            var (dialect, spread) = await DetectAsync(first, connectionString, options, cancel);
            var nodes = dialect.IsYugabyteDb ? new NpgsqlConnectionStringBuilder(spread).Host?.Split(',').Length ?? 1 : 1;
            var parallel = options.Parallel ?? dialect.DefaultParallel(nodes);
            if (spread == connectionString)
            {
                return new ImportTarget(dialect, first, nodes, parallel);
            }

            await first.DisposeAsync();
            return new ImportTarget(dialect, Connect(spread), nodes, parallel);
        }
        catch
        {
            await first.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Lets go of a target still being connected when the import stopped before it was needed: it is
    /// disposed once connected, and a failure to connect is dropped (the import's own error is the one
    /// to report). Nothing waits for it: an unreachable server must not hold up that error.
    /// </summary>
    public static void Abandon(Task<ImportTarget> connecting) =>
        connecting.ContinueWith(static async connected =>
        {
            if (connected.IsCompletedSuccessfully)
            {
                await connected.Result.DisposeAsync();
            }
            else
            {
                _ = connected.Exception; // observed, so never reported as an unobserved task exception
            }
        }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);

    /// <summary>Opens a connection of default settings.</summary>
    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancel) => await DataSource.OpenConnectionAsync(cancel);

    /// <summary>Opens a connection for the ledger and the checks, with the dialect's <see cref="ImportDialect.LedgerSettings"/>.</summary>
    public async Task<NpgsqlConnection> OpenLedgerAsync(CancellationToken cancel)
    {
        var connection = await OpenAsync(cancel);
        try
        {
            foreach (var setting in Dialect.LedgerSettings)
            {
                await using var command = new NpgsqlCommand(setting, connection);
                await command.ExecuteNonQueryAsync(cancel);
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        return connection;
    }

    /// <summary>
    /// Opens as many connections as there are streams and gives them back to the pool, so the streams
    /// start at once when the first batches are cut instead of each connecting then (run while the
    /// ledger and the tables are checked). Best effort: a stream without a connection ready connects,
    /// and retries, when its first batch comes, as it always may.
    /// </summary>
    public async Task WarmUpAsync(CancellationToken cancel)
    {
        var connections = await Task.WhenAll(Enumerable.Range(0, Parallel).Select(_ => TryOpenAsync(cancel)));
        foreach (var connection in connections)
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
    }

    private async Task<NpgsqlConnection?> TryOpenAsync(CancellationToken cancel)
    {
        try
        {
            return await OpenAsync(cancel);
        }
        catch (NpgsqlException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => DataSource.DisposeAsync();

    // The dialect, and the connection string over every node of a YugabyteDB cluster (as given otherwise).
    private static async Task<(ImportDialect Dialect, string ConnectionString)> DetectAsync(NpgsqlDataSource dataSource, string connectionString, ImportOptions options, CancellationToken cancel)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancel);
        bool yugabyteDb;
        await using (var command = new NpgsqlCommand(ImportDialect.DetectSql, connection))
        await using (var reader = await command.ExecuteReaderAsync(cancel))
        {
            await reader.ReadAsync(cancel);
            yugabyteDb = ImportDialect.IsYugabyteDbServer(reader.GetString(0), reader.GetBoolean(1));
        }

        if (!yugabyteDb)
        {
            if (options.YbDisableTransactionalWrites || options.YbUpsertMode)
            {
                throw new ImportException("--yb-disable-transactional-writes and --yb-upsert-mode are YugabyteDB settings; the target is PostgreSQL.");
            }

            return (ImportDialect.PostgreSql, connectionString);
        }

        var servers = new List<YbServer>();
        await using (var command = new NpgsqlCommand(ImportDialect.ServersSql, connection))
        await using (var reader = await command.ExecuteReaderAsync(cancel))
        {
            while (await reader.ReadAsync(cancel))
            {
                servers.Add(new YbServer(reader.GetString(0), Convert.ToInt32(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture),
                    reader.IsDBNull(2) ? null : reader.GetString(2)));
            }
        }

        return (ImportDialect.YugabyteDb(options.YbDisableTransactionalWrites, options.YbUpsertMode), ImportDialect.SpreadOverNodes(connectionString, servers));
    }

    // Npgsql without the type mappings the import never uses (json, ranges, ...) and without reading
    // the server's type catalog on the first connection: the import sends COPY data and reads only
    // built-in types back, and both would cost every run a start-up delay. A refused row's error
    // detail (the duplicate key, the failing row) is asked for: it is part of what is reported.
    private static NpgsqlDataSource Connect(string connectionString)
    {
        var builder = new NpgsqlSlimDataSourceBuilder(connectionString);
        builder.ConnectionStringBuilder.IncludeErrorDetail = true;
        builder.ConfigureTypeLoading(typeLoading => typeLoading.EnableTypeLoading(false));
        builder.EnableArrays();
        return builder.Build();
    }
}
