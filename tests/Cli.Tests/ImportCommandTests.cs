using System;
using System.IO;
using System.Linq;
using System.Text;
using Npgsql;
using YbMigrate.Migration.Data;
using YbMigrate.Migration.Tests;

namespace YbMigrate.Cli.Tests;

/// <summary>`import` and `import status` on a real PostgreSQL: the plain progress lines, the summary, exit codes.</summary>
public sealed class ImportCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("yb-cli-import").FullName;
    private readonly TestDatabase _source = new();
    private readonly TestDatabase _target = new();

    public ImportCommandTests()
    {
        const string table = "CREATE TABLE public.orders (id integer PRIMARY KEY, customer text, total numeric(10, 2));";
        _source.Execute(table + "INSERT INTO public.orders SELECT g, 'customer \"' || g || '\"', g * 1.5 FROM generate_series(1, 500) g");
        _target.Execute(table);
        TestExport.Export(_source.ConnectionString, _dir, 500, "public.orders");
    }

    public void Dispose()
    {
        _source.Dispose();
        _target.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void Import_prints_a_line_per_batch_and_a_summary_and_status_then_says_done()
    {
        var target = new NpgsqlConnectionStringBuilder(_target.ConnectionString) { Password = "not-printed" }.ConnectionString;

        var (exit, output, error) = Run("import", "--target", target, "--in", _dir, "--batch-rows", "200", "--parallel", "1");

        Assert.True(exit == 0, error);
        Assert.Contains("importing into PostgreSQL (1 host(s), 1 stream(s)): 1 table(s), 500 rows", output);
        Assert.Contains("loaded public.orders data/public.orders.1.csv from line 1: 200 rows", output);
        Assert.Contains("loaded public.orders data/public.orders.1.csv from line 401: 100 rows", output);
        Assert.Contains("table 100% (500/500 rows)", output);
        Assert.Matches(@"public\.orders\s+500\s+500\s+0\s+0\s+\d+\.\d s", output);
        Assert.Contains("imported 500 rows into", output);
        Assert.DoesNotContain("not-printed", output + error);

        (exit, output, _) = Run("import", "status", "--target", target, "--in", _dir);
        Assert.Equal(0, exit);
        Assert.Matches(@"public\.orders\s+done\s+500\s+500\s+0\s+0\s+1/1", output);
        Assert.Contains("1 of 1 table(s) done; 0 rows and 0.0 MB left", output);

        (exit, output, _) = Run("import", "--target", target, "--in", _dir);
        Assert.Equal(0, exit);
        Assert.Matches(@"public\.orders\s+0\s+0\s+0\s+500", output);
    }

    [Fact]
    public void A_bad_row_exits_1_naming_file_and_line_and_stash_exits_1_naming_the_stash_files()
    {
        var path = Path.Combine(_dir, "data", "public.orders.1.csv");
        var lines = File.ReadAllLines(path);
        lines[299] = "300,\"late\nline\",not-a-number";
        File.WriteAllText(path, string.Join("\n", lines) + "\n", new UTF8Encoding(false));
        var manifest = DataManifest.Read(_dir);
        manifest.Tables[0].Files[0] = TestExport.Describe(path, "public.orders.1.csv", 500);
        manifest.Tables[0].Bytes = manifest.Tables[0].Files.Sum(f => f.Bytes); // the file grew by the quoted newline
        manifest.Write(_dir);

        var (exit, _, error) = Run("import", "--target", _target.ConnectionString, "--in", _dir, "--batch-rows", "100");

        Assert.Equal(1, exit);
        Assert.Contains("error: data/public.orders.1.csv:300: column total: ERROR 22P02: invalid input syntax for type numeric: \"not-a-number\" (table public.orders)", error);
        Assert.Contains("nothing of that batch (from line 201, 100 rows) was loaded", error);
        Assert.Contains("warning: autovacuum stays off on public.orders until an import completes its load", error);
        var (_, held, _) = Run("import", "status", "--target", _target.ConnectionString, "--in", _dir);
        Assert.Contains("public.orders", held);
        Assert.Contains("\n  autovacuum is off for it until an import completes it (its own setting is kept in yb_migrate.import_autovacuum)", held);

        (exit, var output, error) = Run("import", "--target", _target.ConnectionString, "--in", _dir, "--on-error", "stash");
        Assert.Equal(1, exit);
        Assert.Contains("error: 1 bad row(s) stashed, not loaded: " + Path.Combine(_dir, "errors", "public.orders.csv"), error);
        Assert.Contains("1 stashed", output);
        Assert.Equal("300,\"late\nline\",not-a-number\n", File.ReadAllText(Path.Combine(_dir, "errors", "public.orders.csv")));

        (exit, output, _) = Run("import", "status", "--target", _target.ConnectionString, "--in", _dir);
        Assert.Equal(0, exit);
        Assert.Matches(@"public\.orders\s+done\s+500\s+499\s+1\s+0\s+1/1", output);
        Assert.DoesNotContain("autovacuum", output);
    }

    [Fact]
    public void Usage_and_input_errors_exit_2()
    {
        Assert.Equal(2, Run("import", "--in", _dir, "--target", "").Exit);
        Assert.Equal(2, Run("import", "--in", _dir, "--target", _target.ConnectionString, "--on-error", "ignore").Exit);
        Assert.Equal(2, Run("import", "--in", _dir, "--target", _target.ConnectionString, "--parallel", "0").Exit);
        Assert.Equal(2, Run("import", "--in", _dir, "--target", _target.ConnectionString, "--copy-format", "text").Exit);

        var (exit, _, error) = Run("import", "--in", Path.Combine(_dir, "nowhere"), "--target", _target.ConnectionString);
        Assert.Equal(2, exit);
        Assert.Contains("no data manifest", error);

        (exit, _, error) = Run("import", "--in", _dir, "--target", _target.ConnectionString, "--tables", "public.nope");
        Assert.Equal(2, exit);
        Assert.Contains("--tables: public.nope not in the data manifest", error);

        (exit, _, error) = Run("import", "--in", _dir, "--target", _target.ConnectionString, "--yb-upsert-mode");
        Assert.Equal(2, exit);
        Assert.Contains("YugabyteDB settings; the target is PostgreSQL", error);
    }

    internal static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CliApp.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
