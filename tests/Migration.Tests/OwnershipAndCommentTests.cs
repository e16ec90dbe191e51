using System;
using System.IO;
using System.Linq;
using YbMigrate.Migration.Apply;
using YbMigrate.Migration.Export;
using YbMigrate.Migration.Sources.PostgreSql;

namespace YbMigrate.Migration.Tests;

/// <summary>
/// schema export --include-ownership and the comments on indexes, constraints and triggers, on the
/// real PostgreSQL: exported, imported and finalized into a fresh database, then read back from its catalog.
/// </summary>
public sealed class OwnershipAndCommentTests : IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("ybm-owner").FullName;

    public void Dispose() => Directory.Delete(_out, true);

    // A table, its serial sequence, a sequence of its own, a view and a function owned by a second role
    // (a name that needs quoting); the rest belongs to the test cluster's superuser.
    private static string OwnedSchema(string role) => $"""
        CREATE SCHEMA "Ledger";
        CREATE TABLE "Ledger".accounts (id serial PRIMARY KEY, balance numeric NOT NULL DEFAULT 0);
        CREATE SEQUENCE "Ledger".receipt_no;
        CREATE VIEW "Ledger".rich AS SELECT id FROM "Ledger".accounts WHERE balance > 1000;
        CREATE FUNCTION "Ledger".balance_of(account_id integer, at date) RETURNS numeric LANGUAGE sql STABLE
            AS $$ SELECT balance FROM "Ledger".accounts WHERE id = account_id $$;
        CREATE TABLE public.untouched (id int);
        ALTER SCHEMA "Ledger" OWNER TO "{role}";
        ALTER TABLE "Ledger".accounts OWNER TO "{role}";
        ALTER SEQUENCE "Ledger".receipt_no OWNER TO "{role}";
        ALTER VIEW "Ledger".rich OWNER TO "{role}";
        ALTER FUNCTION "Ledger".balance_of(integer, date) OWNER TO "{role}";
        """;

    private const string OwnersQuery = """
        SELECT 'schema ' || nspname, pg_catalog.pg_get_userbyid(nspowner) = current_user FROM pg_catalog.pg_namespace WHERE nspname = 'Ledger'
        UNION ALL SELECT c.relkind::text || ' ' || c.relname, pg_catalog.pg_get_userbyid(c.relowner) = current_user FROM pg_catalog.pg_class c
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname IN ('Ledger', 'public') AND c.relkind IN ('r', 'S', 'v')
        UNION ALL SELECT 'function ' || proname, pg_catalog.pg_get_userbyid(proowner) = current_user FROM pg_catalog.pg_proc WHERE proname = 'balance_of'
        ORDER BY 1
        """;

    [Fact]
    public void Ownership_is_written_only_when_asked_and_the_target_ends_with_the_sources_owners()
    {
        using var role = new TestRole();
        using var source = new TestDatabase();
        source.Execute(OwnedSchema(role.Name));

        var plain = Export(source, includeOwnership: false);
        Assert.DoesNotContain(AllSql(), sql => sql.Contains("OWNER TO"));
        Assert.False(plain.IncludesOwnership);
        Assert.Empty(plain.OwnerRoles);

        var owned = Export(source, includeOwnership: true);
        var quoted = "\"" + role.Name + "\"";
        var preData = AllSql();
        Assert.Contains(preData, sql => sql.Contains($"ALTER SCHEMA \"Ledger\" OWNER TO {quoted};"));
        Assert.Contains(preData, sql => sql.Contains($"ALTER TABLE \"Ledger\".accounts OWNER TO {quoted};"));
        Assert.Contains(preData, sql => sql.Contains($"ALTER SEQUENCE \"Ledger\".receipt_no OWNER TO {quoted};"));
        Assert.Contains(preData, sql => sql.Contains($"ALTER VIEW \"Ledger\".rich OWNER TO {quoted};"));
        Assert.Contains(preData, sql => sql.Contains($"ALTER FUNCTION \"Ledger\".balance_of(account_id integer, at date) OWNER TO {quoted};"));
        // The serial's sequence gets its table's owner before OWNED BY links them (PostgreSQL wants the same owner).
        Assert.Contains(preData, sql => sql.Contains($"ALTER SEQUENCE \"Ledger\".accounts_id_seq OWNER TO {quoted};"));
        Assert.Contains(role.Name, owned.OwnerRoles);
        Assert.Contains(role.Name, File.ReadAllText(Path.Combine(_out, "schema", "report.txt")));
        Assert.Contains(role.Name, File.ReadAllText(Path.Combine(_out, "schema", "report.json")));

        // Right after the object: the OWNER TO line follows the CREATE TABLE's statement.
        var tables = File.ReadAllText(Path.Combine(_out, "schema", "pre-data", "06-tables.sql"));
        Assert.True(tables.IndexOf("ALTER TABLE \"Ledger\".accounts OWNER TO", StringComparison.Ordinal)
            < tables.IndexOf("CREATE TABLE public.untouched", StringComparison.Ordinal));

        using var target = new TestDatabase();
        var imported = Import(target);
        Assert.True(imported.Succeeded, string.Join("\n", imported.Outcomes.Select(o => o.Describe())));
        Assert.True(Finalize(target).Succeeded);
        Assert.Equal(source.Rows(OwnersQuery), target.Rows(OwnersQuery));
        var again = Import(target); // a rerun: setting the same owner again is harmless, a linked sequence included
        Assert.True(again.Succeeded, string.Join("\n", again.Outcomes.Select(o => o.Describe())));
        Assert.Equal(
            [$"{role.Name} | accounts", $"{role.Name} | accounts_id_seq", $"{role.Name} | receipt_no", $"{role.Name} | rich"],
            target.Rows("SELECT pg_catalog.pg_get_userbyid(c.relowner), c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n " +
                "ON n.oid = c.relnamespace WHERE n.nspname = 'Ledger' AND c.relkind IN ('r', 'S', 'v') ORDER BY 2"));
        Assert.Equal([role.Name], target.Rows("SELECT pg_catalog.pg_get_userbyid(proowner) FROM pg_catalog.pg_proc WHERE proname = 'balance_of'"));
        Assert.Equal([role.Name], target.Rows("SELECT pg_catalog.pg_get_userbyid(nspowner) FROM pg_catalog.pg_namespace WHERE nspname = 'Ledger'"));
    }

    [Fact]
    public void Without_ownership_the_importing_user_owns_everything()
    {
        using var role = new TestRole();
        using var source = new TestDatabase();
        source.Execute(OwnedSchema(role.Name));
        Export(source, includeOwnership: false);
        using var target = new TestDatabase();

        Assert.True(Import(target).Succeeded);

        Assert.All(target.Rows(OwnersQuery), row => Assert.EndsWith("| True", row));
        Assert.Contains(source.Rows(OwnersQuery), row => row.EndsWith("| False"));
    }

    [Fact]
    public void Comments_on_indexes_constraints_and_triggers_survive_export_import_and_finalize()
    {
        using var source = new TestDatabase();
        source.Execute("""
            CREATE TABLE public."Orders" (id int PRIMARY KEY, code text CONSTRAINT "Code Is Unique" UNIQUE, qty int CONSTRAINT qty_positive CHECK (qty > 0));
            CREATE TABLE public.lines (order_id int CONSTRAINT lines_order REFERENCES public."Orders" (id), product text);
            CREATE INDEX "Lines By Product" ON public.lines (product);
            CREATE INDEX lines_order_idx ON public.lines (order_id);
            CREATE FUNCTION public.noop() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
            CREATE TRIGGER "Lines Touch" BEFORE INSERT ON public.lines FOR EACH ROW EXECUTE FUNCTION public.noop();
            COMMENT ON INDEX public."Lines By Product" IS 'For the product report, it''s hot';
            COMMENT ON CONSTRAINT "Code Is Unique" ON public."Orders" IS 'Codes are printed on labels';
            COMMENT ON CONSTRAINT lines_order ON public.lines IS 'Every line has its order';
            COMMENT ON CONSTRAINT qty_positive ON public."Orders" IS 'No returns here';
            COMMENT ON TRIGGER "Lines Touch" ON public.lines IS 'Does nothing yet';
            """);
        Export(source, includeOwnership: false);
        var postData = string.Join("\n", Directory.GetFiles(Path.Combine(_out, "schema", "post-data")).Select(File.ReadAllText));
        Assert.Contains("COMMENT ON INDEX public.\"Lines By Product\" IS 'For the product report, it''s hot';", postData);
        Assert.Contains("COMMENT ON CONSTRAINT \"Code Is Unique\" ON public.\"Orders\" IS 'Codes are printed on labels';", postData);
        Assert.Contains("COMMENT ON TRIGGER \"Lines Touch\" ON public.lines IS 'Does nothing yet';", postData);

        using var target = new TestDatabase();
        Assert.True(Import(target).Succeeded);
        var finalized = Finalize(target);
        Assert.True(finalized.Succeeded, string.Join("\n", finalized.Outcomes.Select(o => o.Describe())));

        const string comments = """
            SELECT 'index ' || c.relname, pg_catalog.obj_description(c.oid, 'pg_class') FROM pg_catalog.pg_class c
                WHERE c.relkind = 'i' AND c.relnamespace = 'public'::regnamespace
            UNION ALL SELECT 'constraint ' || conname, pg_catalog.obj_description(oid, 'pg_constraint') FROM pg_catalog.pg_constraint
                WHERE connamespace = 'public'::regnamespace
            UNION ALL SELECT 'trigger ' || tgname, pg_catalog.obj_description(oid, 'pg_trigger') FROM pg_catalog.pg_trigger WHERE NOT tgisinternal
            ORDER BY 1
            """;
        var expected = source.Rows(comments);
        Assert.Contains("trigger Lines Touch | Does nothing yet", expected);
        Assert.Contains("constraint qty_positive | No returns here", expected);
        Assert.Equal(expected, target.Rows(comments));
    }

    private SchemaExportResult Export(TestDatabase source, bool includeOwnership)
    {
        using var database = new PostgreSqlSource(source.ConnectionString);
        return SchemaExporter.Export(database, new SchemaExportOptions { OutputDirectory = _out, IncludeOwnership = includeOwnership });
    }

    private string[] AllSql() =>
        Directory.GetFiles(Path.Combine(_out, "schema"), "*.sql", SearchOption.AllDirectories).Select(File.ReadAllText).ToArray();

    private ApplyResult Import(TestDatabase target) =>
        SchemaImporter.Import(target.ConnectionString, new SchemaImportOptions { InputDirectory = _out });

    private ApplyResult Finalize(TestDatabase target) =>
        SchemaFinalizer.Finalize(target.ConnectionString, new FinalizeOptions { InputDirectory = _out });
}

/// <summary>A role of its own for one test (created by the test cluster's superuser), dropped afterwards; dispose it after the databases its objects are in.</summary>
public sealed class TestRole : IDisposable
{
    public TestRole()
    {
        Name = "Ybm Owner " + Guid.NewGuid().ToString("N")[..8];
        TestPostgres.Execute(TestPostgres.ConnectionString, $"CREATE ROLE \"{Name}\" NOLOGIN");
    }

    public string Name { get; }

    public void Dispose() => TestPostgres.Execute(TestPostgres.ConnectionString, $"DROP ROLE IF EXISTS \"{Name}\"");
}
