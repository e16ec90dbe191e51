using System;
using System.IO;
using Npgsql;

namespace YbMigrate.Cli.Tests;

/// <summary>Exit codes and output of `schema import` and `finalize` on a real PostgreSQL.</summary>
public sealed class ApplyCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("yb-cli-apply").FullName;
    private readonly string _server = Environment.GetEnvironmentVariable("YB_MIGRATE_TEST_PG")
        ?? throw new InvalidOperationException("YB_MIGRATE_TEST_PG is not set: run scripts/test.sh, or `scripts/pg-cluster.sh start` then `eval \"$(scripts/pg-cluster.sh env)\"`.");
    private readonly string _name = "ybm_cli_" + Guid.NewGuid().ToString("N")[..16];
    private readonly string _target;

    public ApplyCommandTests()
    {
        Execute(_server, $"CREATE DATABASE {_name}");
        _target = new NpgsqlConnectionStringBuilder(_server) { Database = _name, Password = "not-printed" }.ConnectionString;
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        Execute(_server, $"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void Import_then_finalize_exit_0_and_a_rerun_skips_everything()
    {
        Write("pre-data", "01-tables.sql", "CREATE TABLE parent (id int PRIMARY KEY);\nCREATE TABLE child (id int PRIMARY KEY, parent_id int);\n");
        Write("post-data", "01-indexes.sql", "CREATE INDEX child_parent ON child (parent_id);\n");
        Write("post-data", "02-constraints.sql", "ALTER TABLE child ADD CONSTRAINT child_fk FOREIGN KEY (parent_id) REFERENCES parent (id);\n");

        var (exit, output, error) = Run("schema", "import", "--target", _target, "--in", _dir);
        Assert.True(exit == 0, error);
        Assert.Contains("pre-data/01-tables.sql:2  CREATE TABLE child", output);
        Assert.Contains("2 applied, 0 already there, 0 failed", output);

        (exit, output, error) = Run("finalize", "--target", _target, "--in", _dir, "--parallel", "2");
        Assert.True(exit == 0, error);
        Assert.Contains("post-data/02-constraints.sql:1  ALTER TABLE child ADD CONSTRAINT child_fk", output);

        (exit, output, _) = Run("schema", "import", "--target", _target, "--in", _dir);
        Assert.Equal(0, exit);
        Assert.Contains("0 applied, 2 already there", output);
        (exit, output, _) = Run("finalize", "--target", _target, "--in", _dir);
        Assert.Equal(0, exit);
        Assert.Contains("0 applied, 2 already there", output);
        Assert.DoesNotContain("not-printed", output + error);
    }

    [Fact]
    public void A_failing_statement_exits_1_with_its_file_and_line()
    {
        Write("pre-data", "01-tables.sql", "CREATE TABLE a (id int);\nCREATE TABLE b (id no_such_type);\nCREATE TABLE c (id int);\n");

        var (exit, _, error) = Run("schema", "import", "--target", _target, "--in", _dir);
        Assert.Equal(1, exit);
        Assert.Contains("error: pre-data/01-tables.sql:2: CREATE TABLE b (id no_such_type): ERROR 42704", error);

        (exit, var output, error) = Run("schema", "import", "--target", _target, "--in", _dir, "--continue-on-error");
        Assert.Equal(1, exit);
        Assert.Contains("1 applied, 1 already there, 1 failed", output);
        Assert.Contains("failed.sql", error);
        Assert.Contains("CREATE TABLE b (id no_such_type);", File.ReadAllText(Path.Combine(_dir, "schema", "failed.sql")));
    }

    [Fact]
    public void A_violated_foreign_key_exits_1_naming_constraint_and_table()
    {
        Write("pre-data", "01-tables.sql", "CREATE TABLE parent (id int PRIMARY KEY);\nCREATE TABLE child (id int PRIMARY KEY, parent_id int);\n");
        Write("post-data", "02-constraints.sql", "\nALTER TABLE public.child ADD CONSTRAINT child_fk FOREIGN KEY (parent_id) REFERENCES parent (id);\n");
        Assert.Equal(0, Run("schema", "import", "--target", _target, "--in", _dir).Exit);
        Execute(_target, "INSERT INTO child VALUES (1, 7)");

        var (exit, _, error) = Run("finalize", "--target", _target, "--in", _dir);

        Assert.Equal(1, exit);
        Assert.Contains("post-data/02-constraints.sql:2", error);
        Assert.Contains("constraint child_fk on table public.child is violated", error);
    }

    [Fact]
    public void Without_a_target_or_with_a_bad_one_exit_2_and_never_print_the_password()
    {
        var (exit, _, error) = Run("finalize", "--in", _dir, "--target", "");
        Assert.Equal(2, exit);
        Assert.Contains("YB_MIGRATE_TARGET", error);

        Write("pre-data", "01-tables.sql", "CREATE TABLE a (id int);\n");
        Environment.SetEnvironmentVariable("YB_MIGRATE_TARGET", "Host=127.0.0.1;Port=1;Username=u;Password=s3cret-value;Timeout=2");
        try
        {
            (exit, var output, error) = Run("schema", "import", "--in", _dir);
            Assert.Equal(2, exit);
            Assert.Contains("Host=127.0.0.1;Port=1", error);
            Assert.DoesNotContain("s3cret-value", output + error);
        }
        finally
        {
            Environment.SetEnvironmentVariable("YB_MIGRATE_TARGET", null);
        }

        Assert.Equal(2, Run("finalize", "--target", _target, "--in", _dir, "--parallel", "0").Exit);
        Assert.Equal(2, Run("schema", "import", "--target", _target, "--in", Path.Combine(_dir, "missing")).Exit);
    }

    private void Write(string phase, string name, string sql)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_dir, "schema", phase)).FullName;
        File.WriteAllText(Path.Combine(folder, name), sql);
    }

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CliApp.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private static void Execute(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
