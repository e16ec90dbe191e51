using YbMigrate.Migration.Data.Import;

namespace YbMigrate.Migration.Tests.Import;

/// <summary>The exact SQL the import sends to PostgreSQL and to YugabyteDB.</summary>
public sealed class ImportDialectTests
{
    private static readonly string[] Columns = { "id", "Order", "note" };

    [Fact]
    public void PostgreSql_gets_plain_COPY_triggers_off_and_commits_made_durable_at_the_end()
    {
        var dialect = ImportDialect.PostgreSql;

        Assert.Equal("COPY public.\"Line Items\" (id, \"Order\", note) FROM STDIN WITH (FORMAT csv)", dialect.CopyStatement("public", "Line Items", Columns, 20000));
        Assert.Equal("COPY public.\"Line Items\" (id, \"Order\", note) FROM STDIN WITH (FORMAT binary)", dialect.BinaryCopyStatement("public", "Line Items", Columns));
        Assert.Equal(new[] { "SET session_replication_role = replica", "SET synchronous_commit = off" }, dialect.SessionSettings);
        Assert.Equal("SELECT pg_catalog.txid_current()", dialect.FlushSql);
        Assert.True(dialect.PausesAutovacuum);
        Assert.Equal(new[] { "SET synchronous_commit = off" }, dialect.LedgerSettings);
        Assert.Equal(2, dialect.DefaultParallel(1));
        Assert.Equal("PostgreSQL", dialect.Name);
    }

    [Fact]
    public void YugabyteDb_gets_ROWS_PER_TRANSACTION_of_the_batch_and_the_unsafe_settings_only_when_asked()
    {
        Assert.Equal("COPY sales.orders (id, \"Order\", note) FROM STDIN WITH (FORMAT csv, ROWS_PER_TRANSACTION 20000)",
            ImportDialect.YugabyteDb().CopyStatement("sales", "orders", Columns, 20000));
        Assert.Equal(new[] { "SET session_replication_role = replica" }, ImportDialect.YugabyteDb().SessionSettings);
        Assert.Null(ImportDialect.YugabyteDb().FlushSql);
        Assert.False(ImportDialect.YugabyteDb().PausesAutovacuum); // no vacuum there
        Assert.Empty(ImportDialect.YugabyteDb().LedgerSettings); // commits are replicated before they return
        Assert.Null(ImportDialect.YugabyteDb().BinaryCopyStatement("sales", "orders", Columns)); // batches stay CSV
        Assert.Equal(
            new[] { "SET session_replication_role = replica", "SET yb_disable_transactional_writes = on", "SET yb_enable_upsert_mode = on" },
            ImportDialect.YugabyteDb(disableTransactionalWrites: true, upsertMode: true).SessionSettings);
        Assert.Equal(new[] { "SET session_replication_role = replica", "SET yb_enable_upsert_mode = on" },
            ImportDialect.YugabyteDb(upsertMode: true).SessionSettings);
    }

    [Theory]
    [InlineData("PostgreSQL 15.8 (Debian 15.8-0+deb12u1) on x86_64-pc-linux-gnu", false, false)]
    [InlineData("PostgreSQL 11.2-YB-2024.2.4.0-b0 on x86_64-pc-linux-gnu", false, true)]
    [InlineData("PostgreSQL 15.2", true, true)]
    public void YugabyteDb_is_told_by_its_version_string_or_yb_servers(string version, bool hasYbServers, bool expected) =>
        Assert.Equal(expected, ImportDialect.IsYugabyteDbServer(version, hasYbServers));

    [Fact]
    public void Streams_default_to_two_per_YugabyteDB_node()
    {
        Assert.Equal(6, ImportDialect.YugabyteDb().DefaultParallel(3));
        Assert.Equal(2, ImportDialect.YugabyteDb().DefaultParallel(0));
    }

    [Fact]
    public void One_node_given_becomes_every_node_of_yb_servers_with_load_balancing()
    {
        var servers = new[] { new YbServer("10.0.0.1", 5433), new YbServer("10.0.0.2", 5433), new YbServer("yb-3.internal", 5434) };

        var spread = ImportDialect.SpreadOverNodes("Host=10.0.0.1;Port=5433;Username=yugabyte;Password=secret;Database=shop", servers);

        var builder = new Npgsql.NpgsqlConnectionStringBuilder(spread);
        Assert.Equal("10.0.0.1:5433,10.0.0.2:5433,yb-3.internal:5434", builder.Host);
        Assert.True(builder.LoadBalanceHosts);
        Assert.Equal("any", builder.TargetSessionAttributes);
        Assert.Equal("secret", builder.Password);
        Assert.Equal("shop", builder.Database);
    }

    [Fact]
    public void A_node_given_by_its_public_address_becomes_every_nodes_public_address()
    {
        var servers = new[] { new YbServer("10.0.0.1", 5433, "34.1.1.1"), new YbServer("10.0.0.2", 5433, "34.1.1.2") };

        var spread = ImportDialect.SpreadOverNodes("Host=34.1.1.2;Username=u", servers);

        Assert.Equal("34.1.1.1:5433,34.1.1.2:5433", new Npgsql.NpgsqlConnectionStringBuilder(spread).Host);
    }

    [Theory]
    [InlineData("Host=a,b;Username=u")]                       // several hosts given: the user's choice
    [InlineData("Host=yb-lb.example.com;Username=u")]          // not a node: a load balancer or a name of its own
    [InlineData("Host=10.0.0.1;Username=u")]                   // a cluster of one node
    public void Hosts_given_by_the_user_a_load_balancer_or_a_single_node_are_kept(string connectionString)
    {
        var servers = connectionString.Contains("10.0.0.1")
            ? new[] { new YbServer("10.0.0.1", 5433) }
            : new[] { new YbServer("10.0.0.1", 5433), new YbServer("10.0.0.2", 5433) };

        Assert.Equal(connectionString, ImportDialect.SpreadOverNodes(connectionString, servers));
    }

    [Fact]
    public void A_table_with_deferrable_keys_turns_triggers_back_on_in_its_batches_only_when_the_session_had_them_off()
    {
        string[] keys = ["items_pkey", "Code Unique"];

        Assert.Equal("SET LOCAL session_replication_role = origin; SET CONSTRAINTS sales.items_pkey, sales.\"Code Unique\" IMMEDIATE",
            DeferrableKeys.CheckAtOnceSql("sales", keys, triggersOff: true));
        Assert.Equal("SET CONSTRAINTS sales.items_pkey, sales.\"Code Unique\" IMMEDIATE", DeferrableKeys.CheckAtOnceSql("sales", keys, triggersOff: false));
    }
}
