using Microsoft.EntityFrameworkCore.Migrations;

namespace ShopApp.Migrations;

/// <summary>The first migration, as the application shipped it.</summary>
public partial class Initial : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("CREATE UNLOGGED TABLE session_cache (id uuid PRIMARY KEY, payload jsonb)");
        migrationBuilder.CreateIndex(name: "ix_stores_area", table: "stores", column: "area")
            .Annotation("Npgsql:IndexMethod", "gist");
        migrationBuilder.Sql("DROP INDEX CONCURRENTLY IF EXISTS ix_old_orders");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "ix_stores_area", table: "stores");
    }
}
