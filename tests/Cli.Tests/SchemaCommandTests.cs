using System;
using System.IO;
using Npgsql;

namespace YbMigrate.Cli.Tests;

public sealed class SchemaCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("yb-cli-schema").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    internal static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CliApp.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void Exports_a_real_database_into_pre_and_post_data_files_with_reports() => WithDatabase((_, plain) =>
    {
        var database = new NpgsqlConnectionStringBuilder(plain) { Password = "not-printed" }.ConnectionString;
        Execute(database, "CREATE TABLE \"Line Items\" (id int PRIMARY KEY, \"order\" int); CREATE INDEX line_items_order ON \"Line Items\" (\"order\");");

        var (exit, output, error) = Run("schema", "export", "--source", database, "--out", _dir, "--schemas", "public");

        Assert.True(exit == 0, error);
        Assert.Contains("exported 3 object(s)", output); // the schema, the table, the index
        Assert.DoesNotContain("not-printed", output + error);
        Assert.Contains("CREATE TABLE public.\"Line Items\"", File.ReadAllText(Path.Combine(_dir, "schema", "pre-data", "06-tables.sql")));
        Assert.Contains("line_items_order", File.ReadAllText(Path.Combine(_dir, "schema", "post-data", "01-indexes.sql")));
        Assert.True(File.Exists(Path.Combine(_dir, "schema", "report.json")));
        Assert.DoesNotContain("not-printed", File.ReadAllText(Path.Combine(_dir, "schema", "report.txt")));
    });

    [Fact]
    public void Include_ownership_writes_owner_to_and_names_the_roles() => WithDatabase((server, database) =>
    {
        Execute(database, "CREATE TABLE items (id int PRIMARY KEY);");
        var user = new NpgsqlConnectionStringBuilder(server).Username!;

        var (exit, output, error) = Run("schema", "export", "--source", database, "--out", _dir, "--schemas", "public", "--include-ownership");

        Assert.True(exit == 0, error);
        Assert.Contains($"ownership written: the target needs the role(s) {user}", output);
        Assert.Contains("ALTER TABLE public.items OWNER TO ", File.ReadAllText(Path.Combine(_dir, "schema", "pre-data", "06-tables.sql")));

        (exit, output, error) = Run("schema", "export", "--source", database, "--out", _dir, "--schemas", "public");

        Assert.True(exit == 0, error);
        Assert.DoesNotContain("ownership", output);
        Assert.DoesNotContain("OWNER TO", File.ReadAllText(Path.Combine(_dir, "schema", "pre-data", "06-tables.sql")));
    });

    [Fact]
    public void Target_kind_yugabytedb_writes_hash_sharded_keys_and_the_default_does_not() => WithDatabase((_, database) =>
    {
        Execute(database, "CREATE TABLE \"Line Items\" (id int PRIMARY KEY, \"order\" int); CREATE INDEX line_items_order ON \"Line Items\" (\"order\");");

        var (exit, output, error) = Run("schema", "export", "--source", database, "--out", _dir, "--schemas", "public", "--target-kind", "yugabytedb");

        Assert.True(exit == 0, error);
        Assert.Contains("YugabyteDB-only DDL written", output);
        Assert.Contains("PRIMARY KEY ((id) HASH)", File.ReadAllText(Path.Combine(_dir, "schema", "pre-data", "06-tables.sql")));
        Assert.Contains("USING btree (\"order\" HASH)", File.ReadAllText(Path.Combine(_dir, "schema", "post-data", "01-indexes.sql")));

        (exit, output, error) = Run("schema", "export", "--source", database, "--out", _dir, "--schemas", "public");

        Assert.True(exit == 0, error);
        Assert.Contains("no YugabyteDB-only DDL written", output);
        Assert.DoesNotContain("HASH", File.ReadAllText(Path.Combine(_dir, "schema", "pre-data", "06-tables.sql")));
    });

    [Theory]
    [InlineData("--colocate-below", "100MB")]
    [InlineData("--max-tablets", "8")]
    public void YugabyteDB_only_options_need_target_kind_yugabytedb(string option, string value)
    {
        var (exit, _, error) = Run("schema", "export", "--source", "Host=127.0.0.1;Port=1", "--out", _dir, option, value);

        Assert.Equal(2, exit);
        Assert.Contains("--target-kind yugabytedb", error);
    }

    [Fact]
    public void A_colocation_size_that_is_not_a_size_is_a_usage_error()
    {
        var (exit, _, error) = Run("schema", "export", "--source", "Host=127.0.0.1;Port=1", "--out", _dir, "--target-kind", "yugabytedb", "--colocate-below", "big");

        Assert.Equal(2, exit);
        Assert.Contains("'big' is not a size", error);
    }

    [Fact]
    public void A_sql_server_source_that_cannot_be_reached_is_a_clear_error_without_its_password()
    {
        var (exit, output, error) = Run("schema", "export", "--source-type", "sqlserver", "--out", _dir,
            "--source", "Server=127.0.0.1,1;User ID=sa;Password=s3cret-value;Connect Timeout=2;Connect Retry Count=0;Encrypt=false");

        Assert.Equal(2, exit);
        Assert.Contains("error: Data Source=127.0.0.1,1", error);
        Assert.DoesNotContain("s3cret-value", output + error);
    }

    [Fact]
    public void A_malformed_sql_server_connection_string_is_a_usage_error()
    {
        var (exit, _, error) = Run("schema", "export", "--source-type", "sqlserver", "--out", _dir, "--source", "Server=x;NoSuchKeyword=1;Password=p");

        Assert.Equal(2, exit);
        Assert.Contains("bad connection string", error);
        Assert.DoesNotContain("Password=p", error);
    }

    [Fact]
    public void Reads_the_source_from_the_environment_and_never_prints_its_password()
    {
        Environment.SetEnvironmentVariable("YB_MIGRATE_SOURCE", "Host=127.0.0.1;Port=1;Username=u;Password=s3cret-value;Timeout=2");
        try
        {
            var (exit, output, error) = Run("schema", "export", "--out", _dir);
            Assert.Equal(2, exit);
            Assert.Contains("Host=127.0.0.1;Port=1", error);
            Assert.DoesNotContain("s3cret-value", output + error);
        }
        finally
        {
            Environment.SetEnvironmentVariable("YB_MIGRATE_SOURCE", null);
        }
    }

    [Fact]
    public void Without_a_source_it_says_how_to_give_one()
    {
        var (exit, _, error) = Run("schema", "export", "--out", _dir, "--source", "");
        Assert.Equal(2, exit);
        Assert.Contains("YB_MIGRATE_SOURCE", error);
    }

    // A database of the test's own on the test server, dropped afterwards.
    internal static void WithDatabase(Action<string, string> test)
    {
        var server = Environment.GetEnvironmentVariable("YB_MIGRATE_TEST_PG")
            ?? throw new InvalidOperationException("YB_MIGRATE_TEST_PG is not set: run scripts/test.sh, or `scripts/pg-cluster.sh start` then `eval \"$(scripts/pg-cluster.sh env)\"`.");
        var name = "ybm_cli_" + Guid.NewGuid().ToString("N")[..16];
        Execute(server, $"CREATE DATABASE {name}");
        try
        {
            test(server, new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            Execute(server, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        }
    }

    internal static void Execute(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
