using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace YbMigrationAnalyzers.Tests;

/// <summary>EF Core model configuration and migrations that the Npgsql provider turns into DDL YugabyteDB rejects.</summary>
public class EfModelTests
{
    private const string Entities = """
        class Item
        {
            public int Id { get; set; }
            public uint xmin { get; set; }
            public uint xmin2 { get; set; }
            public uint Version { get; set; }
            public long Stamp { get; set; }
            public string Name { get; set; } = "";
        }
        """;

    [Fact]
    public Task Model_configuration_reports_the_linter_rules_at_the_argument_or_method_name() => Verify.Analyze("""
        using Microsoft.EntityFrameworkCore;
        class Db : DbContext
        {
            protected override void OnModelCreating(ModelBuilder b)
            {
                b.HasPostgresExtension({|YB1030:"postgis"|});
                b.HasPostgresExtension("public", {|YB1030:"timescaledb"|});
                b.HasPostgresExtension("pgcrypto");
                b.HasPostgresExtension("uuid-ossp");
                b.Entity<Item>(e =>
                {
        #pragma warning disable CS0618
                    e.{|YB3002:UseXminAsConcurrencyToken|}();
        #pragma warning restore CS0618
                    e.IsUnlogged(false);
                    e.HasIndex(i => i.Name).HasMethod({|YB1003:"gist"|});
                    e.HasIndex(i => i.Name).HasMethod({|YB1003:"BRIN"|});
                    e.HasIndex(i => i.Stamp).HasMethod({|YB1003:"spgist"|});
                    e.HasIndex(i => i.Id).HasMethod("btree");
                    e.HasIndex(i => i.Id).HasMethod("gin");
                    e.HasIndex(i => i.Id).HasStorageParameter({|YB1004:"fillfactor"|}, 70);
                    e.HasStorageParameter("fillfactor", 70);
                });
            }
        }
        """ + Entities);

    [Fact]
    public Task Xmin_row_versions_and_concurrency_tokens() => Verify.Analyze("""
        using Microsoft.EntityFrameworkCore;
        class Db : DbContext
        {
            protected override void OnModelCreating(ModelBuilder b)
            {
                b.Entity<Item>().Property(i => i.xmin).{|YB3002:IsRowVersion|}();
                b.Entity<Item>().Property(i => i.xmin).{|YB3002:IsConcurrencyToken|}();
                b.Entity<Item>().Property<uint>("xmin").HasColumnType("xid").ValueGeneratedOnAddOrUpdate().{|YB3002:IsConcurrencyToken|}();
                b.Entity<Item>().Property(i => i.Stamp).HasColumnName("xmin").{|YB3002:IsConcurrencyToken|}();
                b.Entity<Item>().Property(i => i.Stamp).{|YB3002:IsConcurrencyToken|}().HasColumnName("xmin");
                b.Entity<Item>().Property(i => i.Version).{|YB3002:IsRowVersion|}();

                b.Entity<Item>().Property(i => i.xmin2).IsConcurrencyToken();
                b.Entity<Item>().Property(i => i.xmin).HasColumnName("row_xmin").IsConcurrencyToken();
                b.Entity<Item>().Property(i => i.xmin).IsConcurrencyToken(false);
                b.Entity<Item>().Property(i => i.Stamp).IsRowVersion();
                b.Entity<Item>().Property(i => i.Stamp).IsConcurrencyToken();
            }
        }
        """ + Entities);

    [Fact]
    public Task Timestamp_attribute_on_a_uint_property_is_xmin() => Verify.Analyze("""
        using System.ComponentModel.DataAnnotations;
        using Microsoft.EntityFrameworkCore;
        class Db : DbContext
        {
            public DbSet<Order> Orders => Set<Order>();
        }

        class Order
        {
            public int Id { get; set; }

            [{|YB3002:Timestamp|}]
            public uint Version { get; set; }

            [Timestamp]
            public byte[] Stamp { get; set; } = [];

            [Required]
            public uint Count { get; set; }
        }
        """);

    // UNLOGGED works from 2024.2 / 2.25 (the default target is newer): reported for older targets only.
    [Theory]
    [InlineData("2024.1", true)]
    [InlineData("2.20", true)]
    [InlineData("2025.2", false)]
    public Task Unlogged_tables_follow_the_target_version(string target, bool reported)
    {
        var unlogged = reported ? "{|YB1002:IsUnlogged|}" : "IsUnlogged";
        var unloggedAnnotation = reported ? "{|YB1002:Unlogged|}" : "Unlogged";
        var test = Verify.Test($$"""
            using Microsoft.EntityFrameworkCore;
            class Db : DbContext
            {
                protected override void OnModelCreating(ModelBuilder b)
                {
                    b.Entity<Item>().{{unlogged}}();
                    b.Entity<Item>().IsUnlogged(false);
                    b.Entity<Item>().HasIndex(i => i.Name).HasMethod({|YB1003:"gist"|});
                }
            }

            class Initial : Microsoft.EntityFrameworkCore.Migrations.Migration
            {
                protected override void Up(Microsoft.EntityFrameworkCore.Migrations.MigrationBuilder migrationBuilder)
                {
                    migrationBuilder.CreateTable(name: "cache", columns: table => new { id = table.Column<int>(nullable: false) })
                        .Annotation({{unloggedAnnotation}}, true);
                }

                private const string Unlogged = "Npgsql:UnloggedTable";
            }
            """ + Entities);
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*.cs]\nyb_migrate.target_version = " + target + "\n"));
        return test.RunAsync();
    }

    [Fact]
    public Task Migrations_annotations_and_xmin_columns()
    {
        var test = Verify.Test("""
        using Microsoft.EntityFrameworkCore.Migrations;
        class Initial : Migration
        {
            protected override void Up(MigrationBuilder migrationBuilder)
            {
                migrationBuilder.AlterDatabase()
                    .Annotation({|YB1030:"Npgsql:PostgresExtension:postgis"|}, ",,")
                    .Annotation("Npgsql:PostgresExtension:pgcrypto", ",,");

                migrationBuilder.CreateTable(
                    name: "items",
                    columns: table => new
                    {
                        id = table.Column<int>(type: "integer", nullable: false),
                        {|YB3002:xmin|} = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                        version = table.Column<uint>(name: {|YB3002:"xmin"|}, type: "xid", nullable: false),
                        xmin2 = table.Column<uint>(type: "xid", nullable: false),
                    },
                    constraints: table => table.PrimaryKey("pk_items", x => x.id))
                    .Annotation("Npgsql:UnloggedTable", true)
                    .Annotation("Npgsql:StorageParameter:fillfactor", 70);

                migrationBuilder.CreateTable(
                    name: "logged",
                    columns: table => new { id = table.Column<int>(type: "integer", nullable: false) })
                    .Annotation("Npgsql:UnloggedTable", false);

                migrationBuilder.CreateIndex(name: "ix_geo", table: "items", column: "geo")
                    .Annotation("Npgsql:IndexMethod", {|YB1003:"gist"|});
                migrationBuilder.CreateIndex(name: "ix_name", table: "items", column: "name")
                    .Annotation("Npgsql:IndexMethod", "btree")
                    .Annotation({|YB1004:"Npgsql:StorageParameter:fillfactor"|}, 70);

                migrationBuilder.AlterTable(name: "items")
                    .Annotation({|YB1036:"Npgsql:StorageParameter:fillfactor"|}, 70);

                migrationBuilder.AddColumn<uint>(name: {|YB3002:"xmin"|}, table: "items", type: "xid", rowVersion: true, nullable: false);
                migrationBuilder.AddColumn<uint>(name: "xmin2", table: "items", type: "xid", nullable: false);
            }
        }
        """);

        // UNLOGGED: fine with the default target (2025.2); older targets are in Unlogged_tables_follow_the_target_version.
        return test.RunAsync();
    }

    [Fact]
    public Task Messages_are_the_linter_rules_messages()
    {
        var test = Verify.Test("""
            using Microsoft.EntityFrameworkCore;
            class Db : DbContext
            {
                protected override void OnModelCreating(ModelBuilder b)
                {
                    b.HasPostgresExtension({|#0:"postgis"|});
                    b.Entity<Item>().HasIndex(i => i.Name).HasMethod({|#1:"gist"|});
                    b.Entity<Item>().Property(i => i.Version).{|#2:IsRowVersion|}();
                }
            }
            """ + Entities);
        test.ExpectedDiagnostics.Add(new DiagnosticResult("YB1030", DiagnosticSeverity.Error).WithLocation(0)
            .WithMessage("Extension \"postgis\" is not available in YugabyteDB: remove the statement and replace what the schema uses from it"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("YB1003", DiagnosticSeverity.Error).WithLocation(1)
            .WithMessage("Index method 'gist' is not supported by YugabyteDB: use the default (lsm) index, or gin (ybgin) for full-text and jsonb"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("YB3002", DiagnosticSeverity.Error).WithLocation(2)
            .WithMessage("System column xmin does not exist in YugabyteDB tables: use a version column or the primary key instead"));
        return test.RunAsync();
    }
}
