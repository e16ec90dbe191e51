using System;
using System.IO;
using System.Linq;
using YbMigrate.Migration.Apply;
using YbMigrate.Migration.Export;
using YbMigrate.Migration.Model;
using YbMigrate.Migration.Sources.SqlServer;

namespace YbMigrate.Migration.Tests.SqlServer;

/// <summary>The SQL Server source without a SQL Server: catalog reading on recorded rows, the type table, and the DDL on a real PostgreSQL.</summary>
public sealed class SqlServerSourceTests : IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("ybm-mssql").FullName;

    public void Dispose() => Directory.Delete(_out, true);

    private static SourceSchema ReadChinook(params string[] schemas) => SqlServerCatalogReader.Read(ChinookCatalogRows.Catalog, schemas);

    [Fact]
    public void Every_query_selects_each_column_it_declares_and_the_recorded_rows_have_exactly_those()
    {
        foreach (var query in SqlServerCatalogQueries.All)
        {
            Assert.Equal(query.Columns.Count, query.Columns.Distinct().Count());
            foreach (var column in query.Columns)
            {
                Assert.Contains($"AS [{column}]", query.Sql);
            }

            Assert.Equal(query.Columns.Count, query.Sql.Split(" AS [").Length - 1);
            foreach (var row in ChinookCatalogRows.Catalog.Run(query))
            {
                Assert.Equal(query.Columns.Order(), row.Keys.Order());
            }
        }

        Assert.Equal(SqlServerCatalogQueries.All.Count, SqlServerCatalogQueries.All.Select(q => q.Name).Distinct().Count());
    }

    [Fact]
    public void The_reader_refuses_a_column_its_query_does_not_select()
    {
        var row = new CatalogRow(SqlServerCatalogQueries.Schemas, new System.Collections.Generic.Dictionary<string, object?> { ["schema_name"] = "dbo" });
        Assert.Equal("dbo", row.String(Col.SchemaName));
        Assert.Throws<InvalidOperationException>(() => row.String(Col.TableName));
    }

    [Fact]
    public void Chinook_rows_become_tables_keys_foreign_keys_and_indexes()
    {
        var schema = ReadChinook("dbo");

        Assert.Equal("SQL Server 16.0.1000.6", schema.ServerVersion);
        Assert.Equal(["dbo"], schema.Schemas.Select(s => s.Name));
        Assert.Equal(11, schema.Tables.Count);
        var album = schema.Tables.Single(t => t.Name == "Album");
        Assert.Equal(
            [new ColumnInfo("AlbumId", "integer", true, null, null, null, null, null), new ColumnInfo("Title", "varchar(160)", true, null, null, null, null, null),
                new ColumnInfo("ArtistId", "integer", true, null, null, null, null, null)],
            album.Columns);
        Assert.Equal([new ConstraintInfo("dbo", "Album", "PK_Album", 'p', "PRIMARY KEY (\"AlbumId\")")], album.InlineConstraints);
        Assert.Equal("PRIMARY KEY (\"PlaylistId\", \"TrackId\")", schema.Tables.Single(t => t.Name == "PlaylistTrack").InlineConstraints.Single().Definition);
        Assert.Equal(["timestamp(3)", "timestamp(3)"], schema.Tables.Single(t => t.Name == "Employee").Columns.Where(c => c.Name.EndsWith("Date")).Select(c => c.Type));
        Assert.Equal("numeric(10,2)", schema.Tables.Single(t => t.Name == "Invoice").Columns.Single(c => c.Name == "Total").Type);
        Assert.Equal(11, schema.PostDataConstraints.Count(c => c.Kind == 'f'));
        Assert.Contains(new ConstraintInfo("dbo", "Employee", "FK_EmployeeReportsTo", 'f',
            "FOREIGN KEY (\"ReportsTo\") REFERENCES dbo.\"Employee\" (\"EmployeeId\")"), schema.PostDataConstraints);
        Assert.Equal(11, schema.Indexes.Count);
        Assert.Contains(new IndexInfo("dbo", "Track", "IFK_TrackGenreId", "CREATE INDEX \"IFK_TrackGenreId\" ON dbo.\"Track\" USING btree (\"GenreId\")"), schema.Indexes);
        Assert.Empty(schema.Sequences);
        Assert.Empty(schema.Conversions);
        Assert.Empty(schema.ForReview);
    }

    [Fact]
    public void Identity_defaults_lossy_types_checks_and_views_are_converted_or_reported()
    {
        var schema = ReadChinook("sales");
        var order = schema.Tables.Single();
        string Type(string column) => order.Columns.Single(c => c.Name == column).Type;
        string? Default(string column) => order.Columns.Single(c => c.Name == column).Default;

        var id = order.Columns[0];
        Assert.Equal(('d', "bigint", null), (id.Identity, id.Type, id.Default));
        var sequence = schema.Sequences.Single(q => q.IsIdentity);
        Assert.Equal((1000L, 1L, 1041L, "Order"), (sequence.Start, sequence.Increment, sequence.LastValue, sequence.OwnedBy!.Table));
        Assert.Equal(("uuid", "gen_random_uuid()"), (Type("OrderNo"), Default("OrderNo")));
        Assert.Equal(("timestamp(6)", "LOCALTIMESTAMP"), (Type("PlacedAt"), Default("PlacedAt")));
        Assert.Equal(("boolean", "false"), (Type("IsPaid"), Default("IsPaid")));
        Assert.Equal(("numeric(19,4)", "0.00"), (Type("Amount"), Default("Amount")));
        Assert.Equal(("varchar(10)", "'new'"), (Type("Status"), Default("Status")));
        Assert.Equal(("smallint", "1"), (Type("Qty"), Default("Qty")));
        Assert.Equal(("varchar(10)", null), (Type("Code"), Default("Code")));
        Assert.False(order.Columns.Single(c => c.Name == "Version").NotNull);
        Assert.Equal(["timestamptz(6)", "text", "bytea", "text", "text", "text", "text"],
            new[] { "PlacedAtLocal", "Notes", "Version", "Document", "Node", "Location", "Extra" }.Select(Type));

        // Every lossy type has its report entry.
        foreach (var column in new[] { "PlacedAt", "PlacedAtLocal", "Version", "Document", "Node", "Location", "Extra" })
        {
            Assert.Single(schema.Conversions, c => c.StartsWith($"COLUMN sales.\"Order\".\"{column}\":") && c.Contains("lossy"));
        }

        Assert.Contains(schema.Conversions, c => c.Contains("default (upper(N'x')) not converted"));
        Assert.Equal(["CHECK CK_Order_Qty ([Qty]>(0))", "DEFAULT Code (upper(N'x'))", "FILTERED INDEX IX_Order_Unpaid ([IsPaid]=(0))", "VIEW UnpaidOrders " + ChinookCatalogRows.Rows["views"][0]["definition"]],
            schema.ForReview.Select(r => $"{r.Kind} {r.Name} {r.SourceDefinition}").Order());
        Assert.Contains(schema.Skipped, s => s.Contains("XML index"));
        Assert.Equal([new ConstraintInfo("sales", "Order", "UQ_Order_OrderNo", 'u', "UNIQUE (\"OrderNo\")")], schema.PostDataConstraints);
        Assert.Equal("CREATE INDEX \"IX_Order_Placed\" ON sales.\"Order\" USING btree (\"PlacedAt\" DESC) INCLUDE (\"Amount\")", schema.Indexes.Single().Definition);
        var invoiceNo = schema.Sequences.Single(q => !q.IsIdentity);
        Assert.Equal(("InvoiceNo", "bigint", 50L, 77L), (invoiceNo.Name, invoiceNo.DataType, invoiceNo.Cache, invoiceNo.LastValue));
        Assert.Throws<Sources.PostgreSql.SourceSchemaException>(() => ReadChinook("nope"));
    }

    [Theory]
    [InlineData("nvarchar", -1, 0, 0, "text", false)]
    [InlineData("varchar", -1, 0, 0, "text", false)]
    [InlineData("ntext", 16, 0, 0, "text", false)]
    [InlineData("text", 16, 0, 0, "text", false)]
    [InlineData("nvarchar", 80, 0, 0, "varchar(40)", false)]
    [InlineData("varchar", 80, 0, 0, "varchar(80)", false)]
    [InlineData("nchar", 10, 0, 0, "char(5)", false)]
    [InlineData("char", 3, 0, 0, "char(3)", false)]
    [InlineData("datetime", 8, 23, 3, "timestamp(3)", false)]
    [InlineData("datetime2", 8, 27, 7, "timestamp(6)", true)]
    [InlineData("datetime2", 6, 22, 2, "timestamp(2)", false)]
    [InlineData("smalldatetime", 4, 16, 0, "timestamp(0)", false)]
    [InlineData("datetimeoffset", 10, 34, 7, "timestamptz(6)", true)]
    [InlineData("date", 3, 10, 0, "date", false)]
    [InlineData("time", 5, 16, 7, "time(6)", true)]
    [InlineData("time", 3, 8, 0, "time(0)", false)]
    [InlineData("uniqueidentifier", 16, 0, 0, "uuid", false)]
    [InlineData("bit", 1, 1, 0, "boolean", false)]
    [InlineData("tinyint", 1, 3, 0, "smallint", false)]
    [InlineData("smallint", 2, 5, 0, "smallint", false)]
    [InlineData("int", 4, 10, 0, "integer", false)]
    [InlineData("bigint", 8, 19, 0, "bigint", false)]
    [InlineData("decimal", 9, 18, 4, "numeric(18,4)", false)]
    [InlineData("numeric", 9, 10, 2, "numeric(10,2)", false)]
    [InlineData("money", 8, 19, 4, "numeric(19,4)", false)]
    [InlineData("smallmoney", 4, 10, 4, "numeric(10,4)", false)]
    [InlineData("float", 8, 53, 0, "double precision", false)]
    [InlineData("float", 4, 24, 0, "real", false)]
    [InlineData("real", 4, 24, 0, "real", false)]
    [InlineData("binary", 16, 0, 0, "bytea", false)]
    [InlineData("varbinary", -1, 0, 0, "bytea", false)]
    [InlineData("image", 16, 0, 0, "bytea", false)]
    [InlineData("rowversion", 8, 0, 0, "bytea", true)]
    [InlineData("timestamp", 8, 0, 0, "bytea", true)]
    [InlineData("hierarchyid", 892, 0, 0, "text", true)]
    [InlineData("sql_variant", 8016, 0, 0, "text", true)]
    [InlineData("xml", -1, 0, 0, "text", true)]
    [InlineData("geography", -1, 0, 0, "text", true)]
    [InlineData("geometry", -1, 0, 0, "text", true)]
    [InlineData("some_clr_type", -1, 0, 0, "text", true)]
    public void Type_table_maps_each_sql_server_type(string type, int maxLength, int precision, int scale, string expected, bool lossy)
    {
        var mapped = SqlServerTypeMap.Map(type, maxLength, precision, scale);
        Assert.Equal((expected, lossy), (mapped.Type, mapped.Lossy));
        Assert.Equal(lossy, mapped.Note is not null);
    }

    [Fact]
    public void Every_type_table_entry_has_a_decision_and_a_note_and_lossy_entries_map_lossy()
    {
        foreach (var entry in SqlServerTypeMap.Entries)
        {
            Assert.False(string.IsNullOrWhiteSpace(entry.Decision));
            Assert.False(string.IsNullOrWhiteSpace(entry.Note));
            if (entry.Lossy)
            {
                Assert.True(SqlServerTypeMap.Map(entry.SqlServerType, 8, 30, 3).Lossy, entry.SqlServerType);
            }
        }
    }

    [Theory]
    [InlineData("(getdate())", "timestamp(3)", "LOCALTIMESTAMP")]
    [InlineData("(sysdatetimeoffset())", "timestamptz(6)", "now()")]
    [InlineData("(getutcdate())", "timestamp(3)", "(now() AT TIME ZONE 'utc')")]
    [InlineData("(newsequentialid())", "uuid", "gen_random_uuid()")]
    [InlineData("((1))", "boolean", "true")]
    [InlineData("((-5))", "integer", "-5")]
    [InlineData("(N'it''s')", "varchar(10)", "'it''s'")]
    [InlineData("(NULL)", "integer", "NULL")]
    [InlineData("([dbo].[f]())", "integer", null)]
    [InlineData("((1)+(2))", "integer", null)]
    public void Defaults_are_translated_or_left_for_review(string definition, string type, string? expected) =>
        Assert.Equal(expected, SqlServerCatalogReader.ConvertDefault(definition, type));

    [Fact]
    public void Exported_chinook_ddl_loads_on_real_postgresql_with_the_expected_catalog()
    {
        using (var source = new RecordedSqlServerSource(ChinookCatalogRows.Catalog))
        {
            var result = SchemaExporter.Export(source, new SchemaExportOptions { OutputDirectory = _out });
            Assert.Contains(result.Files, f => f.RelativePath == "review/01-source-definitions.sql");
            Assert.Contains(result.Conversions, c => c.Contains("\"Version\": timestamp -> bytea (lossy"));
        }

        var report = File.ReadAllText(Path.Combine(_out, "schema", "report.txt"));
        Assert.Contains("Conversions from the source", report);
        Assert.Contains("--   ([Qty]>(0))", File.ReadAllText(Path.Combine(_out, "schema", "review", "01-source-definitions.sql")));

        using var target = new TestDatabase();
        var imported = SchemaImporter.Import(target.ConnectionString, new SchemaImportOptions { InputDirectory = _out });
        Assert.True(imported.Succeeded, string.Join("\n", imported.Outcomes.Select(o => o.Describe())));
        target.Execute("""
            INSERT INTO dbo."Artist" VALUES (1, 'AC/DC');
            INSERT INTO dbo."Album" VALUES (1, 'For Those About To Rock We Salute You', 1);
            INSERT INTO sales."Order" ("OrderId", "Status") VALUES (1041, 'paid');
            """);
        var finalized = SchemaFinalizer.Finalize(target.ConnectionString, new FinalizeOptions { InputDirectory = _out, Parallel = 2 });
        Assert.True(finalized.Succeeded, string.Join("\n", finalized.Outcomes.Select(o => o.Describe())));

        Assert.Equal(12, target.Rows("SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname IN ('dbo', 'sales')").Count);
        Assert.Equal(
            ["AlbumId | integer | True", "Title | character varying(160) | True", "ArtistId | integer | True"],
            target.Rows("""
                SELECT a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull FROM pg_catalog.pg_attribute a
                WHERE a.attrelid = 'dbo."Album"'::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum
                """));
        Assert.Equal(["timestamp(3) without time zone", "numeric(10,2)"],
            target.Rows("""SELECT pg_catalog.format_type(atttypid, atttypmod) FROM pg_catalog.pg_attribute WHERE attrelid = 'dbo."Invoice"'::regclass AND attname IN ('InvoiceDate', 'Total') ORDER BY attnum"""));
        Assert.Equal(
            ["Document | text", "Extra | text", "IsPaid | boolean", "Location | text", "Node | text", "OrderId | bigint", "OrderNo | uuid",
                "PlacedAt | timestamp(6) without time zone", "PlacedAtLocal | timestamp(6) with time zone", "Qty | smallint", "Version | bytea"],
            target.Rows("""
                SELECT attname, pg_catalog.format_type(atttypid, atttypmod) FROM pg_catalog.pg_attribute
                WHERE attrelid = 'sales."Order"'::regclass AND attnum > 0 AND attname NOT IN ('Amount', 'Status', 'Notes', 'Code') ORDER BY 1
                """));

        var constraints = target.Rows("""
            SELECT c.contype, count(*) FROM pg_catalog.pg_constraint c JOIN pg_catalog.pg_namespace n ON n.oid = c.connamespace
            WHERE n.nspname IN ('dbo', 'sales') AND c.contype IN ('p', 'u', 'f', 'c') GROUP BY 1 ORDER BY 1
            """);
        Assert.Equal(["f | 11", "p | 12", "u | 1"], constraints);
        Assert.Equal(["t"], target.Rows("SELECT bool_and(convalidated) FROM pg_catalog.pg_constraint WHERE contype = 'f'").Select(v => v[..1].ToLowerInvariant()));
        Assert.Equal(["FK_TrackGenreId | Track | Genre"], target.Rows("""
            SELECT conname, conrelid::regclass::text, confrelid::regclass::text FROM pg_catalog.pg_constraint WHERE conname = 'FK_TrackGenreId'
            """).Select(r => r.Replace("dbo.", "").Replace("\"", "")));
        Assert.Equal(12, target.Rows("SELECT 1 FROM pg_catalog.pg_indexes WHERE schemaname IN ('dbo', 'sales') AND (indexname LIKE 'IFK_%' OR indexname LIKE 'IX_%')").Count);
        Assert.Empty(target.Rows("SELECT 1 FROM pg_catalog.pg_views WHERE schemaname = 'sales'"));

        // Defaults and identity work on the target; finalize moved the identity past the loaded row.
        target.Execute("""INSERT INTO sales."Order" DEFAULT VALUES""");
        var row = target.Rows("""SELECT "OrderId", "IsPaid", "Status", "Qty", "OrderNo" IS NOT NULL, "PlacedAt" IS NOT NULL FROM sales."Order" WHERE "OrderId" <> 1041""");
        Assert.Equal(["1042 | False | new | 1 | True | True"], row);
    }
}
