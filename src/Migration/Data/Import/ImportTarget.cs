using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace YbMigrate.Migration.Data.Import;

/// <summary>The target as the import sees it: what it is, how to connect to all of it, how many streams.</summary>
internal sealed class ImportTarget : IAsyncDisposable
{
    private ImportTarget(ImportDialect dialect, string connectionString, int nodes, int parallel)
    {
        Dialect = dialect;
        DataSource = Connect(connectionString);
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
        await using var first = Connect(connectionString);
        await using var connection = await first.OpenConnectionAsync(cancel);
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

            return new ImportTarget(ImportDialect.PostgreSql, connectionString, 1, options.Parallel ?? ImportDialect.PostgreSql.DefaultParallel(1));
        }

        var dialect = ImportDialect.YugabyteDb(options.YbDisableTransactionalWrites, options.YbUpsertMode);
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

        var spread = ImportDialect.SpreadOverNodes(connectionString, servers);
        var nodes = new NpgsqlConnectionStringBuilder(spread).Host?.Split(',').Length ?? 1;
        return new ImportTarget(dialect, spread, nodes, options.Parallel ?? dialect.DefaultParallel(nodes));
    }

    /// <summary>Opens a connection for the ledger and the checks.</summary>
    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancel) => await DataSource.OpenConnectionAsync(cancel);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => DataSource.DisposeAsync();

    // Npgsql without the type mappings the import never uses (json, ranges, ...): less to set up and
    // compile on a start. A refused row's error detail (the duplicate key, the failing row) is asked
    // for: it is part of what is reported.
    private static NpgsqlDataSource Connect(string connectionString)
    {
        var builder = new NpgsqlSlimDataSourceBuilder(connectionString);
        builder.ConnectionStringBuilder.IncludeErrorDetail = true;
        builder.EnableArrays();
        return builder.Build();
    }
}
