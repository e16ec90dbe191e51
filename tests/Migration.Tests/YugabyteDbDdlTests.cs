using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;
using YbMigrate.Migration.Export;
using YbMigrate.Migration.Model;
using YbMigrate.Migration.Sources;

namespace YbMigrate.Migration.Tests;

/// <summary>
/// The YugabyteDB-only DDL (hash-sharded keys, SPLIT INTO, colocation). YugabyteDB cannot run here:
/// the exact text is checked, from schemas built in the test with the sizes a source would report.
/// </summary>
public sealed class YugabyteDbDdlTests : System.IDisposable
{
    private const long MB = 1L << 20;
    private const long GB = 1L << 30;

    private readonly string _out = Path.Combine(Path.GetTempPath(), "ybm-ybddl-" + System.Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_out))
        {
            Directory.Delete(_out, true);
        }
    }

    private static TableInfo Table(string schema, string name, long? size, params string[] key)
    {
        var table = new TableInfo(1, schema, name) { SizeBytes = size };
        foreach (var column in key.DefaultIfEmpty("id"))
        {
            table.Columns.Add(new ColumnInfo(column, "bigint", true, null, null, null, null, null));
        }

        if (key.Length > 0)
        {
            var quoted = key.Select(Sql.SqlIdentifier.Quote);
            table.InlineConstraints.Add(new ConstraintInfo(schema, name, name + "_pkey", 'p', "PRIMARY KEY (" + string.Join(", ", quoted) + ")"));
        }

        return table;
    }

    private static SourceSchema Schema(params TableInfo[] tables)
    {
        var schema = new SourceSchema { ServerVersion = "PostgreSQL 15" };
        schema.Tables.AddRange(tables);
        return schema;
    }

    private static (string Tables, string Indexes, IReadOnlyList<string> Notes) Decorate(SourceSchema schema, SchemaExportOptions options)
    {
        options.TargetIsYugabyteDb = true;
        var (files, notes) = YugabyteDbDdl.Decorate(SchemaScript.Generate(schema), schema, options);
        string Text(string path) => files.SingleOrDefault(f => f.RelativePath == path)?.Text ?? "";
        return (Text("pre-data/06-tables.sql"), Text("post-data/01-indexes.sql"), notes);
    }

    [Fact]
    public void Primary_keys_are_hash_sharded_on_their_first_column_and_large_tables_pre_split_one_tablet_per_GB()
    {
        var schema = Schema(
            Table("Sales Data", "Orders", 4 * GB + 1, "Order Id", "line"),
            Table("public", "customers", 10 * MB, "id"));

        var (tables, _, notes) = Decorate(schema, new SchemaExportOptions());

        Assert.Contains(
            "CREATE TABLE \"Sales Data\".\"Orders\" (\n    \"Order Id\" bigint NOT NULL,\n    line bigint NOT NULL,\n" +
            "    CONSTRAINT \"Orders_pkey\" PRIMARY KEY ((\"Order Id\") HASH, line ASC)\n) SPLIT INTO 5 TABLETS;\n", tables);
        Assert.Contains("CREATE TABLE public.customers (\n    id bigint NOT NULL,\n    CONSTRAINT customers_pkey PRIMARY KEY ((id) HASH)\n);\n", tables);
        Assert.DoesNotContain("COLOCATION", tables);
        Assert.Contains("table \"Sales Data\".\"Orders\" (4 GB): primary key hash-sharded on \"Order Id\", pre-split into 5 tablets", notes);
    }

    [Fact]
    public void Pre_splitting_stops_at_the_configured_maximum_and_skips_tables_without_a_known_size()
    {
        var schema = Schema(Table("public", "events", 500 * GB, "id"), Table("public", "unknown", null, "id"), Table("public", "no_key", 3 * GB));

        var (tables, _, _) = Decorate(schema, new SchemaExportOptions { MaxTablets = 16 });

        Assert.Contains("CONSTRAINT events_pkey PRIMARY KEY ((id) HASH)\n) SPLIT INTO 16 TABLETS;", tables);
        Assert.Contains("CONSTRAINT unknown_pkey PRIMARY KEY ((id) HASH)\n);", tables);
        // No primary key: YugabyteDB hash-shards its hidden row id, so SPLIT INTO applies.
        Assert.Contains("CREATE TABLE public.no_key (\n    id bigint NOT NULL\n) SPLIT INTO 3 TABLETS;", tables);
    }

    [Fact]
    public void With_colocation_small_tables_stay_as_they_are_and_large_ones_and_large_partition_trees_opt_out()
    {
        var parent = Table("public", "Measures", 0, "id", "taken_on");
        parent.PartitionKey = "RANGE (taken_on)";
        var january = new TableInfo(2, "public", "Measures_01") { SizeBytes = 80 * MB, PartitionOf = ("public", "Measures"), PartitionBound = "FOR VALUES FROM ('2024-01-01') TO ('2024-02-01')" };
        var february = new TableInfo(3, "public", "Measures_02") { SizeBytes = 80 * MB, PartitionOf = ("public", "Measures"), PartitionBound = "FOR VALUES FROM ('2024-02-01') TO ('2024-03-01')" };
        var schema = Schema(Table("public", "countries", 64 * 1024, "code"), Table("public", "orders", 1536 * MB, "id"), parent, january, february);

        var (tables, _, notes) = Decorate(schema, new SchemaExportOptions { ColocateBelowBytes = 100 * MB });

        Assert.Contains("CREATE TABLE public.countries (\n    code bigint NOT NULL,\n    CONSTRAINT countries_pkey PRIMARY KEY (code)\n);", tables);
        Assert.Contains("CONSTRAINT orders_pkey PRIMARY KEY ((id) HASH)\n) WITH (COLOCATION = false) SPLIT INTO 2 TABLETS;", tables);
        // The tree is 160 MB: the parent and each partition opt out; partitions are not pre-split.
        Assert.Contains("CONSTRAINT \"Measures_pkey\" PRIMARY KEY ((id) HASH, taken_on ASC)\n) PARTITION BY RANGE (taken_on) WITH (COLOCATION = false);", tables);
        Assert.Contains("CREATE TABLE public.\"Measures_01\" PARTITION OF public.\"Measures\" FOR VALUES FROM ('2024-01-01') TO ('2024-02-01') WITH (COLOCATION = false);", tables);
        Assert.Contains(notes, n => n.StartsWith("colocation: create the target database with `CREATE DATABASE name WITH COLOCATION = true`") && n.Contains("1 table(s) under 100 MB"));
        Assert.Contains("table public.countries (64 kB): colocated (range-sharded in the colocation tablet)", notes);
    }

    [Fact]
    public void Index_keys_are_hash_sharded_unless_the_source_orders_them_or_the_table_is_colocated()
    {
        var schema = Schema(Table("Sales Data", "Orders", 2 * GB, "id"), Table("public", "tiny", MB, "id"));
        schema.Indexes.AddRange(
        [
            new IndexInfo("Sales Data", "Orders", "Idx \"x\"", "CREATE INDEX \"Idx \"\"x\"\"\" ON \"Sales Data\".\"Orders\" USING btree (\"Customer Id\", created_at)"),
            new IndexInfo("Sales Data", "Orders", "orders_recent", "CREATE INDEX orders_recent ON \"Sales Data\".\"Orders\" USING btree (created_at DESC)"),
            new IndexInfo("Sales Data", "Orders", "orders_email", "CREATE UNIQUE INDEX orders_email ON ONLY \"Sales Data\".\"Orders\" USING btree (lower(email)) WHERE (email IS NOT NULL)"),
            new IndexInfo("Sales Data", "Orders", "orders_tags", "CREATE INDEX orders_tags ON \"Sales Data\".\"Orders\" USING gin (tags)"),
            new IndexInfo("Sales Data", "Orders", "orders_name", "CREATE INDEX orders_name ON \"Sales Data\".\"Orders\" USING btree (name text_pattern_ops)"),
            new IndexInfo("public", "tiny", "tiny_name", "CREATE INDEX tiny_name ON public.tiny USING btree (name)"),
        ]);

        var (_, indexes, notes) = Decorate(schema, new SchemaExportOptions { ColocateBelowBytes = 100 * MB });

        Assert.Contains("CREATE INDEX \"Idx \"\"x\"\"\" ON \"Sales Data\".\"Orders\" USING btree (\"Customer Id\" HASH, created_at);", indexes);
        Assert.Contains("CREATE INDEX orders_recent ON \"Sales Data\".\"Orders\" USING btree (created_at DESC);", indexes);
        Assert.Contains("CREATE UNIQUE INDEX orders_email ON \"Sales Data\".\"Orders\" USING btree (lower(email) HASH) WHERE (email IS NOT NULL);", indexes);
        Assert.Contains("CREATE INDEX orders_tags ON \"Sales Data\".\"Orders\" USING gin (tags);", indexes);
        Assert.Contains("CREATE INDEX orders_name ON \"Sales Data\".\"Orders\" USING btree (name text_pattern_ops);", indexes);
        Assert.Contains("CREATE INDEX tiny_name ON public.tiny USING btree (name);", indexes);
        Assert.Contains(notes, n => n.Contains("orders_recent") && n.Contains("kept range-sharded (created_at DESC)"));
    }

    [Theory]
    [InlineData("100MB", 100 * MB)]
    [InlineData("1.5 GB", 1536 * MB)]
    [InlineData("512kb", 512 * 1024)]
    [InlineData("2048", 2048)]
    public void Sizes_parse_with_1024_based_units(string text, long bytes) => Assert.Equal(bytes, YugabyteDbDdl.ParseSize(text));

    [Fact]
    public void A_size_without_a_number_is_rejected() => Assert.Throws<System.FormatException>(() => YugabyteDbDdl.ParseSize("big"));

    // An identity column with CACHE 1: the linter's fix raises the cache in pre-data/06-tables.sql.
    private static SourceSchema SchemaWithAFix()
    {
        var orders = new TableInfo(1, "public", "Orders") { SizeBytes = 3 * GB };
        orders.Columns.Add(new ColumnInfo("id", "bigint", true, null, 'a', null, null, null));
        orders.Columns.Add(new ColumnInfo("Placed At", "timestamp with time zone", true, null, null, null, null, null));
        orders.InlineConstraints.Add(new ConstraintInfo("public", "Orders", "Orders_pkey", 'p', "PRIMARY KEY (id)"));
        var schema = Schema(orders);
        schema.Schemas.Add(new SchemaInfo("public", null));
        schema.Sequences.Add(new SequenceInfo("public", "Orders_id_seq", "bigint", 1, 1, 1, long.MaxValue, 1, false, null,
            new OwnerColumn("public", "Orders", "id"), true, null));
        schema.Indexes.Add(new IndexInfo("public", "Orders", "orders_placed", "CREATE INDEX orders_placed ON public.\"Orders\" USING btree (\"Placed At\")"));
        return schema;
    }

    [Fact]
    public void For_a_PostgreSQL_target_no_YugabyteDB_only_DDL_is_written()
    {
        var result = SchemaExporter.Export(new ModelSource(SchemaWithAFix()), new SchemaExportOptions { OutputDirectory = _out });

        Assert.False(result.TargetIsYugabyteDb);
        Assert.Empty(result.Distribution);
        foreach (var path in Directory.GetFiles(Path.Combine(_out, "schema"), "*.sql", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(path);
            Assert.DoesNotContain("HASH", text);
            Assert.DoesNotContain("SPLIT INTO", text);
            Assert.DoesNotContain("COLOCATION", text);
        }

        Assert.Contains("no YugabyteDB-only DDL written", File.ReadAllText(Path.Combine(_out, "schema", "report.txt")));
    }

    [Fact]
    public void The_linter_checks_and_fixes_the_PostgreSQL_form_before_the_YugabyteDB_only_DDL_is_added()
    {
        var options = new SchemaExportOptions { OutputDirectory = _out, TargetIsYugabyteDb = true };
        var postgres = SchemaExporter.Export(new ModelSource(SchemaWithAFix()), new SchemaExportOptions { OutputDirectory = _out + "-pg" });
        Directory.Delete(_out + "-pg", true);

        var result = SchemaExporter.Export(new ModelSource(SchemaWithAFix()), options);

        // PostgreSQL's grammar has no HASH keys: linted after decoration, every decorated statement would be a YB0001 syntax error.
        Assert.DoesNotContain(result.Findings, f => f.RuleId == "YB0001");
        Assert.Equal(postgres.Findings, result.Findings);
        Assert.Equal(postgres.Changes, result.Changes);
        var fix = Assert.Single(result.Changes, c => c.File == "pre-data/06-tables.sql");

        var tables = File.ReadAllText(Path.Combine(_out, "schema", "pre-data", "06-tables.sql"));
        Assert.Contains("CONSTRAINT \"Orders_pkey\" PRIMARY KEY ((id) HASH)\n) SPLIT INTO 3 TABLETS;", tables);
        Assert.DoesNotContain("CACHE 1 ", tables);
        // The fixed line is still where the report says.
        Assert.Contains("CACHE", tables.Split('\n')[fix.Line - 1]);
        var indexes = File.ReadAllText(Path.Combine(_out, "schema", "post-data", "01-indexes.sql"));
        Assert.Contains("CREATE INDEX orders_placed ON public.\"Orders\" USING btree (\"Placed At\" HASH);", indexes);
        var report = File.ReadAllText(Path.Combine(_out, "schema", "report.txt"));
        Assert.Contains("YugabyteDB distribution: ", report);
        Assert.Contains("table public.\"Orders\" (3 GB): primary key hash-sharded on id, pre-split into 3 tablets", report);
    }

    private sealed class ModelSource(SourceSchema schema) : ISourceDatabase
    {
        public SourceKind Kind => SourceKind.PostgreSql;

        public string DisplayConnection => "Host=model";

        public SourceSchema ReadSchema(IReadOnlyCollection<string>? schemas) => schema;

        public void Dispose()
        {
        }
    }
}
