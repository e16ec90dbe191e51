using System;
using System.Collections.Generic;
using System.Linq;
using Npgsql;
using YbMigrate.Migration.Sql;

namespace YbMigrate.Migration.Data.Import;

/// <summary>A YugabyteDB node as <c>yb_servers()</c> lists it.</summary>
/// <param name="Host">The node's address for YSQL clients.</param>
/// <param name="Port">Its YSQL port.</param>
/// <param name="PublicIp">Its public address, when it has one (clients outside the cluster's network use it).</param>
public sealed record YbServer(string Host, int Port, string? PublicIp = null);

/// <summary>
/// What the import sends to its target, PostgreSQL or YugabyteDB: the session settings, the COPY
/// statement, how many streams by default and which nodes to spread them over. All of the
/// target-specific SQL of the import is here.
/// </summary>
public sealed class ImportDialect
{
    /// <summary>Asks the server what it is: its version string and whether <c>yb_servers()</c> exists.</summary>
    public const string DetectSql = "SELECT pg_catalog.version(), pg_catalog.to_regproc('pg_catalog.yb_servers') IS NOT NULL";

    /// <summary>The nodes of a YugabyteDB cluster.</summary>
    public const string ServersSql = "SELECT host, port, public_ip FROM pg_catalog.yb_servers() ORDER BY host, port";

    /// <summary>Streams per YugabyteDB node by default: each node's YSQL backend parses its own stream while the tablets write.</summary>
    public const int StreamsPerYbNode = 2;

    /// <summary>Streams into a single PostgreSQL server by default.</summary>
    public const int PostgreSqlStreams = 2;

    private ImportDialect(bool isYugabyteDb, bool disableTransactionalWrites, bool upsertMode)
    {
        IsYugabyteDb = isYugabyteDb;
        DisableTransactionalWrites = disableTransactionalWrites;
        UpsertMode = upsertMode;
    }

    /// <summary>A PostgreSQL target: plain COPY.</summary>
    public static ImportDialect PostgreSql { get; } = new(false, false, false);

    /// <summary>
    /// A YugabyteDB target. <paramref name="disableTransactionalWrites"/> and <paramref name="upsertMode"/>
    /// are the unsafe speed settings, each only when asked for.
    /// </summary>
    public static ImportDialect YugabyteDb(bool disableTransactionalWrites = false, bool upsertMode = false) =>
        new(true, disableTransactionalWrites, upsertMode);

    /// <summary>Whether the target is YugabyteDB.</summary>
    public bool IsYugabyteDb { get; }

    /// <summary>yb_disable_transactional_writes: rows are written outside the batch's transaction (faster; a failed batch leaves its rows).</summary>
    public bool DisableTransactionalWrites { get; }

    /// <summary>yb_enable_upsert_mode: an insert overwrites a row with the same key instead of failing (faster; duplicates in the files are not reported).</summary>
    public bool UpsertMode { get; }

    /// <summary>A display name: "PostgreSQL" or "YugabyteDB".</summary>
    public string Name => IsYugabyteDb ? "YugabyteDB" : "PostgreSQL";

    /// <summary>Whether the answer to <see cref="DetectSql"/> means YugabyteDB.</summary>
    public static bool IsYugabyteDbServer(string version, bool hasYbServers) =>
        hasYbServers || version.Contains("-YB-", StringComparison.Ordinal);

    /// <summary>
    /// Run once on every import connection. Triggers and foreign-key checks are off for the session
    /// (<c>session_replication_role = replica</c>): finalize adds them after the load. On PostgreSQL
    /// a batch's COMMIT does not wait for its WAL to reach the disk (<c>synchronous_commit = off</c>):
    /// a server crash can only lose whole recent batches together with their ledger rows, which a
    /// rerun loads again, and <see cref="FlushSql"/> makes everything durable at the end.
    /// </summary>
    public IReadOnlyList<string> SessionSettings
    {
        get
        {
            var settings = new List<string> { "SET session_replication_role = replica" };
            if (!IsYugabyteDb)
            {
                settings.Add("SET synchronous_commit = off");
            }

            if (DisableTransactionalWrites)
            {
                settings.Add("SET yb_disable_transactional_writes = on");
            }

            if (UpsertMode)
            {
                settings.Add("SET yb_enable_upsert_mode = on");
            }

            return settings;
        }
    }

    /// <summary>
    /// Run on the connection that prepares the target and puts the tables' autovacuum settings back. On
    /// PostgreSQL its commits (the ledger's tables, a row per file, autovacuum held off and back, one
    /// of each per table) do not wait for the WAL flush either: the WAL is replayed in order, so a crash
    /// that loses one of them loses every batch committed after it too, and <see cref="FlushSql"/> makes
    /// them durable with the batches. Waiting would cost an import of many small tables a flush per
    /// file and two per table.
    /// </summary>
    public IReadOnlyList<string> LedgerSettings => IsYugabyteDb ? [] : ["SET synchronous_commit = off"];

    /// <summary>
    /// Whether autovacuum is held off the tables while they load (<see cref="AutovacuumPause"/>):
    /// PostgreSQL only, YugabyteDB has no vacuum (its storage compacts itself).
    /// </summary>
    public bool PausesAutovacuum => !IsYugabyteDb;

    /// <summary>
    /// Run on a connection of default settings after the last batch, PostgreSQL only: a transaction
    /// with an id commits synchronously, and flushing the WAL up to its commit flushes every batch
    /// committed before it. Null for YugabyteDB, whose commits are replicated before they return.
    /// </summary>
    public string? FlushSql => IsYugabyteDb ? null : "SELECT pg_catalog.txid_current()";

    /// <summary>
    /// The COPY statement of one batch. On YugabyteDB, ROWS_PER_TRANSACTION is the batch's row limit,
    /// so YugabyteDB makes no commit of its own inside a batch: the batch and its ledger row commit together.
    /// </summary>
    public string CopyStatement(string schema, string table, IEnumerable<string> columns, long batchRows)
    {
        var options = IsYugabyteDb ? $"FORMAT csv, ROWS_PER_TRANSACTION {batchRows}" : "FORMAT csv";
        return CopyFromStdin(schema, table, columns, options);
    }

    /// <summary>
    /// The binary COPY of a batch whose values were converted on the client, or null when the target
    /// gets CSV only: on YugabyteDB, where a batch's COPY must carry ROWS_PER_TRANSACTION and binary
    /// COPY with it has not been tried, batches stay CSV.
    /// </summary>
    public string? BinaryCopyStatement(string schema, string table, IEnumerable<string> columns) =>
        IsYugabyteDb ? null : CopyFromStdin(schema, table, columns, "FORMAT binary");

    private static string CopyFromStdin(string schema, string table, IEnumerable<string> columns, string options) =>
        $"COPY {SqlIdentifier.Qualify(schema, table)} ({SqlIdentifier.JoinQuoted(columns)}) FROM STDIN WITH ({options})";

    /// <summary>How many streams to run when --parallel is not given: from the number of YugabyteDB nodes, or a fixed few for PostgreSQL.</summary>
    public int DefaultParallel(int nodes) => IsYugabyteDb ? Math.Max(1, nodes) * StreamsPerYbNode : PostgreSqlStreams;

    /// <summary>
    /// A connection string over every node, with Npgsql's load balancing, so the import's connections
    /// are spread over the cluster: the nodes' addresses when the one given is a node's, their public
    /// addresses when it is a node's public one. Kept as written when it names several hosts already,
    /// when the cluster has one node, or when the host given is none of the nodes (a load balancer, a
    /// proxy, a name of its own: the nodes' own addresses may not be reachable from here).
    /// </summary>
    public static string SpreadOverNodes(string connectionString, IReadOnlyCollection<YbServer> servers)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var given = builder.Host ?? "";
        var addresses = servers.Any(s => s.Host == given) ? servers.Select(s => s.Host)
            : servers.Any(s => s.PublicIp == given) && servers.All(s => !string.IsNullOrEmpty(s.PublicIp)) ? servers.Select(s => s.PublicIp!)
            : null;
        if (servers.Count < 2 || addresses is null)
        {
            return connectionString;
        }

        builder.Host = string.Join(",", addresses.Zip(servers, (address, server) => $"{address}:{server.Port}"));
        builder.LoadBalanceHosts = true;
        builder.TargetSessionAttributes = "any";
        return builder.ConnectionString;
    }
}
