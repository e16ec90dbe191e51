using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using YbMigrate.Migration.Data;
using YbMigrate.Migration.Data.Import;

namespace YbMigrate.Migration.Tests.Import;

/// <summary>The import against a real PostgreSQL: round trips, reruns, changed files, bad rows.</summary>
public sealed class DataImportTests : IDisposable
{
    // Quotes, commas and newlines inside values, NULL next to the empty string, non-ASCII text, json, bytea.
    private const string ItemsTable = """
        CREATE TABLE public.items (id bigint PRIMARY KEY, qty integer NOT NULL, note text, price numeric(10, 2), tags jsonb, at timestamptz, flag boolean, blob bytea);
        CREATE TABLE public."Mixed Case" (id integer PRIMARY KEY, "Value" text);
        CREATE TABLE public.empty (id integer PRIMARY KEY);
        """;

    private const string ItemsRows = """
        INSERT INTO public.items
        SELECT g, g % 97,
               CASE g % 10 WHEN 0 THEN NULL WHEN 1 THEN '' ELSE 'line "' || g || '",' || E'\n' || 'second, é ' || repeat('x', (g % 7)::int) END,
               g / 7.0, jsonb_build_object('k', g, 's', 'a"b,c'), timestamptz '2024-01-01 00:00:00+00' + g * interval '1 minute', g % 2 = 0, decode(md5(g::text), 'hex')
        FROM generate_series(1, 3000) g;
        INSERT INTO public."Mixed Case" VALUES (1, 'one'), (2, NULL), (3, '');
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("ybm-data").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public async Task Every_row_arrives_once_largest_table_first_and_a_rerun_loads_nothing()
    {
        using var source = Source();
        TestExport.Export(source.ConnectionString, _dir, 1100, "public.items", "public.Mixed Case", "public.empty");
        using var target = Target();
        var observer = new RecordingObserver();

        var result = await Import(target, new ImportOptions { BatchRows = 170, Parallel = 3 }, observer);

        Assert.Equal(new[] { "public.items", "public.Mixed Case", "public.empty" }, result.Tables.Select(t => t.Name));
        Assert.Equal("public.items", observer.Batches[0].Table);
        Assert.Equal(3000, result.Tables[0].RowsLoaded);
        Assert.All(result.Tables, t => Assert.True(t.Complete));
        Assert.Equal(TestExport.Digest(source.ConnectionString, "public.items", "id"), TestExport.Digest(target.ConnectionString, "public.items", "id"));
        Assert.Equal(TestExport.Digest(source.ConnectionString, "public.\"Mixed Case\"", "id"), TestExport.Digest(target.ConnectionString, "public.\"Mixed Case\"", "id"));
        Assert.Equal(["2 | NULL", "3 | "], target.Rows("SELECT id, \"Value\" FROM public.\"Mixed Case\" WHERE id > 1 ORDER BY id"));
        // 1100-row files in 170-row batches: 7 batches each for the first two files, 5 for the last (800 rows), 1 for "Mixed Case".
        Assert.Equal(["20 | 3003"], target.Rows($"SELECT count(*), sum(rows_loaded) FROM {ImportLedger.BatchesTable}"));
        Assert.Equal(20, observer.Batches.Count);

        var again = await Import(target, new ImportOptions { BatchRows = 170, Parallel = 3 });

        Assert.All(again.Tables, t => Assert.Equal(0, t.RowsRead));
        Assert.Equal(3000, again.Tables[0].RowsDoneBefore);
        Assert.Equal(["3000"], target.Rows("SELECT count(*) FROM public.items"));
    }

    [Fact]
    public async Task Triggers_and_foreign_keys_already_on_the_target_do_not_run_during_the_load()
    {
        using var source = Source();
        TestExport.Export(source.ConnectionString, _dir, 5000, "public.items");
        using var target = Target();
        target.Execute("""
            CREATE TABLE public.parents (id bigint PRIMARY KEY);
            ALTER TABLE public.items ADD FOREIGN KEY (qty) REFERENCES public.parents (id);
            CREATE FUNCTION public.refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'trigger ran'; END $$;
            CREATE TRIGGER refuse BEFORE INSERT ON public.items FOR EACH ROW EXECUTE FUNCTION public.refuse();
            """);

        var result = await Import(target, new ImportOptions());

        Assert.Equal(3000, result.Tables.Single().RowsLoaded);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public async Task Only_the_table_with_a_deferrable_key_loads_with_its_triggers_on_the_others_as_before()
    {
        using var source = Source();
        TestExport.Export(source.ConnectionString, _dir, 5000, "public.items", "public.Mixed Case");
        using var target = Target();
        target.Execute("""
            ALTER TABLE public."Mixed Case" ADD CONSTRAINT "Value once" UNIQUE ("Value") DEFERRABLE;
            CREATE FUNCTION public.refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'trigger ran'; END $$;
            CREATE TRIGGER refuse BEFORE INSERT ON public.items FOR EACH ROW EXECUTE FUNCTION public.refuse();
            """);

        var result = await Import(target, new ImportOptions());

        Assert.Equal([3000L, 3L], result.Tables.Select(t => t.RowsLoaded));
        Assert.StartsWith("public.Mixed Case: loaded with its triggers and foreign keys on, and Value once checked", Assert.Single(result.Warnings));
    }

    [Fact]
    public async Task Autovacuum_is_off_for_a_table_loaded_in_several_batches_and_its_own_settings_come_back_when_it_is_complete()
    {
        using var source = Source();
        TestExport.Export(source.ConnectionString, _dir, 1100, "public.items", "public.Mixed Case", "public.empty");
        using var target = Target();
        target.Execute("ALTER TABLE public.items SET (toast.autovacuum_enabled = off); ALTER TABLE public.\"Mixed Case\" SET (autovacuum_enabled = on)");
        var duringLoad = new List<string>();
        var observer = new RecordingObserver(batch => duringLoad.AddRange(Autovacuum(target, batch.Table == "public.items" ? "public.items" : "public.\"Mixed Case\"")));

        var result = await Import(target, new ImportOptions { BatchRows = 500 }, observer);

        Assert.All(result.Tables, t => Assert.True(t.Complete));
        Assert.Empty(result.Warnings);
        Assert.Equal(["public.items", "public.Mixed Case"], observer.Batches.Select(b => b.Table).Distinct());
        Assert.Equal(observer.Batches.Count, duringLoad.Count);
        // items: files of 1,100, 1,100 and 800 rows in 500-row batches; "Mixed Case": 3 rows, one batch, one commit, left alone.
        Assert.Equal(8, duringLoad.Count(s => s == "items | autovacuum_enabled=false | autovacuum_enabled=false"));
        Assert.Equal(["Mixed Case | autovacuum_enabled=on | -"], duringLoad.Where(s => s.StartsWith("Mixed", StringComparison.Ordinal)));
        Assert.Equal(["items | - | autovacuum_enabled=off"], Autovacuum(target, "public.items"));
        Assert.Equal(["Mixed Case | autovacuum_enabled=on | -"], Autovacuum(target, "public.\"Mixed Case\""));
        Assert.Equal(["empty | - | -"], Autovacuum(target, "public.empty")); // nothing to load: never touched
        Assert.Equal(["0"], target.Rows($"SELECT count(*) FROM {AutovacuumPause.LedgerTable}"));
    }

    [Fact]
    public async Task A_run_that_stops_leaves_autovacuum_off_with_the_tables_own_setting_kept_until_a_run_completes_the_table()
    {
        using var target = HandWritten("1,a,5\n2,b,6\n3,c,bad\n4,d,8\n");
        target.Execute("ALTER TABLE public.t SET (autovacuum_enabled = true)");

        var stopped = await Import(target, new ImportOptions { BatchRows = 2, Parallel = 1 });

        Assert.NotNull(stopped.StoppedAt);
        Assert.Contains(stopped.Warnings, w => w.StartsWith("autovacuum stays off on public.t until an import completes its load", StringComparison.Ordinal));
        Assert.Equal(["t | autovacuum_enabled=false | autovacuum_enabled=false"], Autovacuum(target, "public.t"));
        Assert.Equal(["public | t | true | NULL"], target.Rows($"SELECT * FROM {AutovacuumPause.LedgerTable}"));
        Assert.True((await ImportStatus.ReadAsync(target.ConnectionString, _dir, Array.Empty<string>())).Single().AutovacuumHeld);

        var completed = await Import(target, new ImportOptions { BatchRows = 2, Parallel = 1, OnBadRow = OnBadRow.Stash });

        Assert.True(completed.Tables.Single().Complete);
        Assert.Empty(completed.Warnings);
        Assert.Equal(["t | autovacuum_enabled=true | -"], Autovacuum(target, "public.t"));
        Assert.Equal(["0"], target.Rows($"SELECT count(*) FROM {AutovacuumPause.LedgerTable}"));
        Assert.False((await ImportStatus.ReadAsync(target.ConnectionString, _dir, Array.Empty<string>())).Single().AutovacuumHeld);
    }

    [Fact]
    public async Task An_import_its_checks_stop_holds_autovacuum_off_no_table()
    {
        using var source = Source();
        TestExport.Export(source.ConnectionString, _dir, 1100, "public.items", "public.Mixed Case");
        using var target = Target();
        target.Execute("DROP TABLE public.\"Mixed Case\"");

        // items (largest, first) passes its checks; "Mixed Case" is missing.
        var missing = await Assert.ThrowsAsync<ImportException>(() => Import(target, new ImportOptions { BatchRows = 500 }));

        Assert.Contains("table public.Mixed Case is not on the target", missing.Message);
        Assert.Equal(["items | - | -"], Autovacuum(target, "public.items"));
        Assert.Equal(["0"], target.Rows($"SELECT count(*) FROM {AutovacuumPause.LedgerTable}"));
    }

    [Fact]
    public async Task A_user_who_does_not_own_the_table_loads_it_with_autovacuum_as_it_is_and_is_told()
    {
        using var source = Source();
        TestExport.Export(source.ConnectionString, _dir, 5000, "public.items");
        using var target = Target();
        var role = "ybm_loader_" + Guid.NewGuid().ToString("N")[..12];
        target.Execute($"CREATE ROLE {role} LOGIN; GRANT CREATE ON DATABASE {target.Name} TO {role}; GRANT SELECT, INSERT ON public.items TO {role}");
        try
        {
            var asLoader = new Npgsql.NpgsqlConnectionStringBuilder(target.ConnectionString) { Username = role }.ConnectionString;

            var result = await DataImporter.ImportAsync(asLoader, new ImportOptions { InputDirectory = _dir, BatchRows = 1000 });

            Assert.Equal(3000, result.Tables.Single().RowsLoaded);
            Assert.Contains(result.Warnings, w => w.StartsWith("autovacuum could not be turned off on public.items for the load (only its owner may)", StringComparison.Ordinal));
            Assert.Contains(result.Warnings, w => w.StartsWith("session_replication_role could not be set (not a superuser)", StringComparison.Ordinal));
            Assert.Equal(["items | - | -"], Autovacuum(target, "public.items"));
        }
        finally
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            target.Execute($"DROP OWNED BY {role}; DROP ROLE {role}");
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_file_changed_since_the_export_is_refused_and_nothing_of_it_commits(bool sha256Manifest)
    {
        using var source = Source();
        TestExport.Export(source.ConnectionString, _dir, 5000, "public.items");
        if (sha256Manifest)
        {
            TestExport.DowngradeToFormat1(_dir);
        }

        var path = Path.Combine(_dir, "data", "public.items.1.csv");
        var bytes = File.ReadAllBytes(path);
        bytes[^3] = (byte)(bytes[^3] == (byte)'0' ? '1' : '0'); // same size, another value in the last row
        File.WriteAllBytes(path, bytes);
        using var target = Target();

        var error = await Assert.ThrowsAsync<DataManifestException>(() => Import(target, new ImportOptions { BatchRows = 100, Parallel = 2 }));

        Assert.Contains("data/public.items.1.csv: the file changed since the export (checksum " + (sha256Manifest ? "sha256:" : "xxh128:"), error.Message);
        Assert.Equal(["0"], target.Rows("SELECT count(*) FROM public.items"));
        Assert.Equal(["0"], target.Rows($"SELECT count(*) FROM {ImportLedger.BatchesTable}"));
    }

    [Fact]
    public async Task A_missing_manifest_is_reported_without_waiting_for_a_target_that_does_not_answer()
    {
        // The target is connected to while the manifest is read: a server that accepts and never
        // answers holds that connection until its 60-second timeout, which the error must not wait for.
        var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        try
        {
            var port = ((IPEndPoint)silent.LocalEndpoint).Port;
            var import = DataImporter.ImportAsync($"Host=127.0.0.1;Port={port};Username=u;Timeout=60", new ImportOptions { InputDirectory = _dir });

            Assert.Same(import, await Task.WhenAny(import, Task.Delay(TimeSpan.FromSeconds(30))));
            var error = await Assert.ThrowsAsync<DataManifestException>(() => import);
            Assert.Contains("no data manifest", error.Message);
        }
        finally
        {
            silent.Stop();
        }
    }

    [Fact]
    public async Task A_rerun_whose_ledger_has_a_batch_the_file_is_not_cut_into_commits_nothing_more_of_it()
    {
        using var source = Source();
        TestExport.Export(source.ConnectionString, _dir, 5000, "public.items");
        using var target = Target();
        await Import(target, new ImportOptions { BatchRows = 100 });
        // As if edited by hand: the rows gone, one batch left in the ledger, one byte off where the file's batches start.
        target.Execute($"TRUNCATE public.items; DELETE FROM {ImportLedger.BatchesTable} WHERE byte_offset > 0; UPDATE {ImportLedger.BatchesTable} SET byte_offset = 1");

        var error = await Assert.ThrowsAsync<ImportException>(() => Import(target, new ImportOptions { BatchRows = 100, Parallel = 2 }));

        Assert.Contains("data/public.items.1.csv: the batches " + ImportLedger.BatchesTable + " records for it are not those this file is cut into", error.Message);
        Assert.Equal(["0"], target.Rows("SELECT count(*) FROM public.items"));
        Assert.Equal(["1"], target.Rows($"SELECT count(*) FROM {ImportLedger.BatchesTable}"));
    }

    [Fact]
    public async Task A_missing_table_a_missing_column_or_rows_no_batch_accounts_for_stop_the_import_before_it_starts()
    {
        using var source = Source();
        TestExport.Export(source.ConnectionString, _dir, 5000, "public.Mixed Case");
        using var target = new TestDatabase();

        var missing = await Assert.ThrowsAsync<ImportException>(() => Import(target, new ImportOptions()));
        Assert.Contains("table public.Mixed Case is not on the target: run 'dotnet yb-migrate schema import' first", missing.Message);

        target.Execute("CREATE TABLE public.\"Mixed Case\" (id integer PRIMARY KEY)");
        var column = await Assert.ThrowsAsync<ImportException>(() => Import(target, new ImportOptions()));
        Assert.Contains("has no column Value", column.Message);

        target.Execute("ALTER TABLE public.\"Mixed Case\" ADD COLUMN \"Value\" text; INSERT INTO public.\"Mixed Case\" VALUES (9, 'nine')");
        var rows = await Assert.ThrowsAsync<ImportException>(() => Import(target, new ImportOptions()));
        Assert.Contains("already has rows that no import batch accounts for", rows.Message);
        Assert.Contains("TRUNCATE public.\"Mixed Case\"", rows.Message);
    }

    [Theory]
    [InlineData("1,\"a\nb\",5\n2,x,6\n3,\"c\n\nd\",7\n4,y,bad\n5,z,8\n", 7, "q", "ERROR 22P02: invalid input syntax for type integer: \"bad\"")]
    [InlineData("1,\"a\nb\",5\n2,x,6\n3,\"c\n\nd\",7\n4,y,8,9\n5,z,8\n", 7, null, "ERROR 22P04: extra data after last expected column")]
    [InlineData("1,\"a\nb\",5\n2,x,6\n3,\"c\n\nd\",7\n2,\"dup\nlicate\",8\n5,z,8\n", 7, null, "ERROR 23505: duplicate key value violates unique constraint \"t_pkey\" (Key (id)=(2) already exists.)")]
    [InlineData("1,\"a\nb\",5\n2,x,6\n3,\"c\n\nd\",7\n4,y,\n5,z,8\n", 7, "q", "ERROR 23502: null value in column \"q\" of relation \"t\" violates not-null constraint")]
    public async Task A_bad_row_stops_the_import_naming_its_file_line_column_and_the_servers_message(string csv, long line, string? column, string error)
    {
        using var target = HandWritten(csv);

        var result = await Import(target, new ImportOptions { BatchRows = 2, Parallel = 1 });

        var bad = Assert.IsType<BadRow>(result.StoppedAt);
        Assert.Equal(("public.t", "public.t.csv", line, column), (bad.Table, bad.File, bad.Line, bad.Column));
        Assert.StartsWith(error, bad.Error);
        Assert.StartsWith($"data/public.t.csv:{line}: ", bad.Describe());
        // The batches before it are in, whole; nothing of the batch with the bad row.
        Assert.Equal(["1", "2"], target.Rows("SELECT id FROM public.t ORDER BY id"));
        Assert.Equal(["1 | 2"], target.Rows($"SELECT count(*), sum(rows_loaded) FROM {ImportLedger.BatchesTable}"));
        Assert.False(result.Tables.Single().Complete);
    }

    [Fact]
    public async Task A_batch_refused_at_commit_keeps_neither_its_rows_nor_its_ledger_row_and_a_rerun_loads_it()
    {
        using var target = HandWritten("1,a,5\n2,b,6\n3,c,99\n4,d,7\n5,e,8\n");
        // A deferred check that fires even with triggers off for the load: the target takes the COPY and refuses the COMMIT.
        target.Execute("""
            CREATE FUNCTION public.refuse_99() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN IF NEW.q = 99 THEN RAISE EXCEPTION 'q = 99 refused at commit'; END IF; RETURN NULL; END $$;
            CREATE CONSTRAINT TRIGGER late_check AFTER INSERT ON public.t DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public.refuse_99();
            ALTER TABLE public.t ENABLE ALWAYS TRIGGER late_check;
            """);

        var error = await Assert.ThrowsAsync<ImportException>(() => Import(target, new ImportOptions { BatchRows = 2, Parallel = 1 }));

        Assert.StartsWith("data/public.t.csv (lines from 3): ERROR P0001: q = 99 refused at commit", error.Message);
        Assert.Equal(["1", "2"], target.Rows("SELECT id FROM public.t ORDER BY id"));
        Assert.Equal(["1 | 2"], target.Rows($"SELECT count(*), sum(rows_loaded) FROM {ImportLedger.BatchesTable}"));

        target.Execute("DROP TRIGGER late_check ON public.t");
        var again = await Import(target, new ImportOptions { BatchRows = 2, Parallel = 1 });

        Assert.Equal((3L, 2L), (again.Tables.Single().RowsLoaded, again.Tables.Single().RowsDoneBefore));
        Assert.Equal(["1", "2", "3", "4", "5"], target.Rows("SELECT id FROM public.t ORDER BY id"));
    }

    // With triggers off for the load, PostgreSQL would not check a DEFERRABLE key at all: the duplicate would load.
    [Theory]
    [InlineData(OnBadRow.Stop)]
    [InlineData(OnBadRow.Stash)]
    public async Task A_duplicate_key_of_a_deferrable_primary_key_is_a_bad_row_like_any_other(OnBadRow onBadRow)
    {
        using var target = HandWritten("1,a,5\n2,b,6\n3,c,7\n1,dup,8\n5,e,9\n");
        target.Execute("ALTER TABLE public.t DROP CONSTRAINT t_pkey, ADD CONSTRAINT t_pkey PRIMARY KEY (id) DEFERRABLE INITIALLY DEFERRED");

        var result = await Import(target, new ImportOptions { BatchRows = 2, Parallel = 1, OnBadRow = onBadRow });

        Assert.Contains(result.Warnings, w => w.StartsWith("public.t: loaded with its triggers and foreign keys on, and t_pkey checked after each batch's COPY", StringComparison.Ordinal));
        const string duplicate = "ERROR 23505: duplicate key value violates unique constraint \"t_pkey\" (Key (id)=(1) already exists.)";
        if (onBadRow == OnBadRow.Stop)
        {
            var bad = Assert.IsType<BadRow>(result.StoppedAt);
            // The server names no line for a key checked at the end of the COPY: the batch is searched for it.
            Assert.Equal(("public.t", "public.t.csv", 4L, 3L), (bad.Table, bad.File, bad.Line, bad.Batch.FirstLine));
            Assert.StartsWith(duplicate, bad.Error);
            Assert.StartsWith("data/public.t.csv:4: ", bad.Describe());
            Assert.Equal(["1", "2"], target.Rows("SELECT id FROM public.t ORDER BY id"));
        }
        else
        {
            Assert.Null(result.StoppedAt);
            Assert.Equal(["1 | a", "2 | b", "3 | c", "5 | e"], target.Rows("SELECT id, note FROM public.t ORDER BY id"));
            Assert.Equal("1,dup,8\n", File.ReadAllText(Path.Combine(_dir, "errors", "public.t.csv")));
            Assert.StartsWith($"data/public.t.csv,4,,23505,\"{duplicate.Replace("\"", "\"\"")}", File.ReadAllLines(Path.Combine(_dir, "errors", "public.t.reasons.csv"))[1]);
        }
    }

    [Fact]
    public async Task Stash_keeps_the_bad_rows_with_their_line_and_reason_and_loads_the_others()
    {
        const string csv = "1,\"a\nb\",5\n2,x,bad\n3,\"c\n\nd\",7\n1,dup,8\n5,z,8,9\n6,ok,9\n7,\"multi\nline\",\n8,fine,10\n";
        using var target = HandWritten(csv);

        var result = await Import(target, new ImportOptions { BatchRows = 5, Parallel = 1, OnBadRow = OnBadRow.Stash });

        Assert.Null(result.StoppedAt);
        Assert.Equal((4L, 4L), (result.Tables.Single().RowsLoaded, result.Tables.Single().RowsStashed));
        Assert.Equal(["1 | a\nb", "3 | c\n\nd", "6 | ok", "8 | fine"], target.Rows("SELECT id, note FROM public.t ORDER BY id"));
        var stash = Path.Combine(_dir, "errors", "public.t.csv");
        Assert.Equal([stash, Path.Combine(_dir, "errors", "public.t.reasons.csv")], result.StashFiles);
        Assert.Equal("2,x,bad\n1,dup,8\n5,z,8,9\n7,\"multi\nline\",\n", File.ReadAllText(stash));
        var reasons = File.ReadAllLines(Path.Combine(_dir, "errors", "public.t.reasons.csv"));
        Assert.Equal("file,line,column,sqlstate,message", reasons[0]);
        Assert.Equal("data/public.t.csv,3,q,22P02,\"ERROR 22P02: invalid input syntax for type integer: \"\"bad\"\"\"", reasons[1]);
        Assert.StartsWith("data/public.t.csv,7,,23505,\"ERROR 23505: duplicate key value violates unique constraint \"\"t_pkey\"\"", reasons[2]);
        Assert.StartsWith("data/public.t.csv,8,,22P04,ERROR 22P04: extra data after last expected column", reasons[3]);
        Assert.StartsWith("data/public.t.csv,10,q,23502,", reasons[4]);

        var again = await Import(target, new ImportOptions { OnBadRow = OnBadRow.Stash });
        Assert.Equal(0, again.Tables.Single().RowsRead);
        Assert.Equal(8, again.Tables.Single().RowsDoneBefore);
        Assert.Equal("2,x,bad\n1,dup,8\n5,z,8,9\n7,\"multi\nline\",\n", File.ReadAllText(stash));
    }

    [Fact]
    public async Task A_rerun_cuts_a_started_file_as_its_first_run_did_and_loads_exactly_the_missing_batches()
    {
        using var source = new TestDatabase();
        source.Execute("CREATE TABLE public.seq (id integer PRIMARY KEY, label text); INSERT INTO public.seq SELECT g, 'row ' || g FROM generate_series(1, 1000) g");
        TestExport.Export(source.ConnectionString, _dir, 1000, "public.seq");
        using var target = new TestDatabase();
        target.Execute("CREATE TABLE public.seq (id integer PRIMARY KEY, label text)");
        await Import(target, new ImportOptions { BatchRows = 100 });

        // As after a crash: the last four batches and their rows are gone (one line per row here).
        target.Execute($"DELETE FROM public.seq WHERE id > 600; DELETE FROM {ImportLedger.BatchesTable} WHERE first_line > 600");
        var status = (await ImportStatus.ReadAsync(target.ConnectionString, _dir, Array.Empty<string>())).Single();
        Assert.Equal(("partial", 600L, 400L, 0), (status.State, status.RowsLoaded, status.RowsLeft, status.FilesDone));

        var result = await Import(target, new ImportOptions { BatchRows = 7 });

        Assert.Equal((400L, 600L), (result.Tables.Single().RowsLoaded, result.Tables.Single().RowsDoneBefore));
        Assert.Equal(["10 | 1000"], target.Rows($"SELECT count(*), sum(rows_loaded) FROM {ImportLedger.BatchesTable}"));
        Assert.Equal(TestExport.Digest(source.ConnectionString, "public.seq", "id"), TestExport.Digest(target.ConnectionString, "public.seq", "id"));
        status = (await ImportStatus.ReadAsync(target.ConnectionString, _dir, Array.Empty<string>())).Single();
        Assert.Equal(("done", 1000L, 0L, 1), (status.State, status.RowsLoaded, status.RowsLeft, status.FilesDone));
    }

    [Fact]
    public async Task A_format_1_manifest_imports_checked_with_sha256_and_resumes_a_ledger_the_previous_version_left()
    {
        using var source = new TestDatabase();
        source.Execute("CREATE TABLE public.seq (id integer PRIMARY KEY, label text); INSERT INTO public.seq SELECT g, 'row ' || g FROM generate_series(1, 1000) g");
        TestExport.Export(source.ConnectionString, _dir, 1000, "public.seq");
        TestExport.DowngradeToFormat1(_dir);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(_dir, "data", "public.seq.1.csv"))));
        using var target = new TestDatabase();
        target.Execute("CREATE TABLE public.seq (id integer PRIMARY KEY, label text)");
        await Import(target, new ImportOptions { BatchRows = 100 });
        Assert.Equal(["sha256:" + sha256], target.Rows($"SELECT sha256 FROM {ImportLedger.FilesTable}"));

        // As the previous version left it after a crash: the SHA-256 as bare hex, the last batches missing.
        target.Execute($"DELETE FROM public.seq WHERE id > 600; DELETE FROM {ImportLedger.BatchesTable} WHERE first_line > 600; UPDATE {ImportLedger.FilesTable} SET sha256 = '{sha256}'");
        Assert.Empty((await ImportStatus.ReadAsync(target.ConnectionString, _dir, Array.Empty<string>())).Single().ChangedFiles);

        var result = await Import(target, new ImportOptions { BatchRows = 100 });

        Assert.Equal((400L, 600L), (result.Tables.Single().RowsLoaded, result.Tables.Single().RowsDoneBefore));
        Assert.Equal(TestExport.Digest(source.ConnectionString, "public.seq", "id"), TestExport.Digest(target.ConnectionString, "public.seq", "id"));
    }

    [Fact]
    public async Task A_ledger_whose_batches_do_not_line_up_with_the_file_stops_the_import_before_anything_is_loaded_twice()
    {
        using var source = new TestDatabase();
        source.Execute("CREATE TABLE public.seq (id integer PRIMARY KEY, label text); INSERT INTO public.seq SELECT g, 'row ' || g FROM generate_series(1, 1000) g");
        TestExport.Export(source.ConnectionString, _dir, 1000, "public.seq");
        using var target = new TestDatabase();
        target.Execute("CREATE TABLE public.seq (id integer, label text)"); // no key: a duplicate would go in unnoticed
        await Import(target, new ImportOptions { BatchRows = 100 });
        target.Execute($"DELETE FROM public.seq WHERE id > 600; DELETE FROM {ImportLedger.BatchesTable} WHERE first_line > 600; UPDATE {ImportLedger.FilesTable} SET batch_rows = 150");

        var error = await Assert.ThrowsAsync<ImportException>(() => Import(target, new ImportOptions { BatchRows = 100, Parallel = 2 }));

        Assert.Contains("data/public.seq.1.csv: the batches yb_migrate.import_batches records for it are not those this file is cut into", error.Message);
        Assert.Equal(["600 | 600"], target.Rows("SELECT count(*), count(DISTINCT id) FROM public.seq"));
    }

    [Fact]
    public async Task Status_of_a_target_never_imported_into_says_nothing_is_done()
    {
        using var source = Source();
        TestExport.Export(source.ConnectionString, _dir, 1000, "public.items", "public.empty");
        using var target = new TestDatabase();

        var status = await ImportStatus.ReadAsync(target.ConnectionString, _dir, new[] { "items" });

        var items = Assert.Single(status);
        Assert.Equal(("public.items", "not started", 3000L, 3, 0), (items.Name, items.State, items.RowsLeft, items.Files, items.FilesDone));
    }

    private TestDatabase Source()
    {
        var source = new TestDatabase();
        source.Execute(ItemsTable + ItemsRows);
        return source;
    }

    private static TestDatabase Target()
    {
        var target = new TestDatabase();
        target.Execute(ItemsTable);
        return target;
    }

    // A data file written by hand (bad rows are not exportable) for table t (id integer PRIMARY KEY, note text, q integer NOT NULL).
    private TestDatabase HandWritten(string csv)
    {
        var path = Path.Combine(Directory.CreateDirectory(Path.Combine(_dir, "data")).FullName, "public.t.csv");
        File.WriteAllBytes(path, Encoding.UTF8.GetBytes(csv));
        var rows = new BatchSplitterCounter(csv).Records;
        new DataManifest
        {
            Tables = { TestExport.OneFileTable(path, "public", "t", ["id", "note", "q"], rows) },
        }.Write(_dir);
        var target = new TestDatabase();
        target.Execute("CREATE TABLE public.t (id integer PRIMARY KEY, note text, q integer NOT NULL)");
        return target;
    }

    // "name | the table's autovacuum settings | its TOAST table's" ("-": none set).
    private static List<string> Autovacuum(TestDatabase target, string table) => target.Rows(
        $"SELECT c.relname, coalesce(array_to_string(c.reloptions, ','), '-'), coalesce(array_to_string(t.reloptions, ','), '-') " +
        $"FROM pg_class c LEFT JOIN pg_class t ON t.oid = c.reltoastrelid WHERE c.oid = '{table.Replace("'", "''")}'::regclass");

    private Task<ImportResult> Import(TestDatabase target, ImportOptions options, IImportObserver? observer = null)
    {
        options.InputDirectory = _dir;
        return DataImporter.ImportAsync(target.ConnectionString, options, observer);
    }

    // Records of a hand-written CSV, counted the simple way (quotes toggle, newlines outside quotes end a record).
    private sealed class BatchSplitterCounter(string csv)
    {
        public long Records { get; } = csv.Aggregate((Quoted: false, Count: 0L), (s, c) => c == '"' ? (!s.Quoted, s.Count) : c == '\n' && !s.Quoted ? (s.Quoted, s.Count + 1) : s).Count;
    }

    private sealed class RecordingObserver(Action<BatchDone>? onBatch = null) : IImportObserver
    {
        public List<BatchDone> Batches { get; } = new();

        public void Started(ImportStart start)
        {
        }

        public void BatchLoaded(BatchDone batch)
        {
            Batches.Add(batch);
            onBatch?.Invoke(batch);
        }

        public void Retrying(BatchRetry retry)
        {
        }
    }
}
