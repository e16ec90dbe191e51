using System.Threading.Tasks;

namespace YbMigrationAnalyzers.Tests;

/// <summary>EF Core's raw SQL APIs and migrations.</summary>
public class EfCoreTests
{
    [Fact]
    public Task Raw_and_interpolated_sql_apis() => Verify.Analyze("""
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;
        class Item { public int Id { get; set; } }
        class Db : DbContext
        {
            public DbSet<Item> Items => Set<Item>();

            async Task M(int id)
            {
                Items.FromSqlRaw("SELECT * FROM items WHERE id = {0}; CREATE INDEX i ON t USING {|YB1003:gist|} (g)", id).ToList();
                Items.FromSql($"SELECT * FROM items WHERE id = {id}; CREATE INDEX i ON t USING {|YB1003:brin|} (g)").ToList();
                Database.ExecuteSqlRaw("CREATE INDEX i ON t USING {|YB1003:spgist|} (g)");
                await Database.ExecuteSqlAsync($"CREATE INDEX i ON t USING {|YB1003:gist|} (h) WHERE a = {id}");
                Database.ExecuteSqlInterpolated($"CREATE INDEX i ON t USING {|YB1003:brin|} (h)");
                Database.SqlQueryRaw<int>("SELECT {0}; CREATE INDEX i ON t USING {|YB1003:gist|} (k)", id).ToList();
            }
        }
        """);

    [Fact]
    public Task Migration_sql() => Verify.Analyze("""
        using Microsoft.EntityFrameworkCore.Migrations;
        class AddIndex : Migration
        {
            protected override void Up(MigrationBuilder migrationBuilder)
            {
                migrationBuilder.Sql("CREATE INDEX i ON t USING {|YB1003:gist|} (g);");
            }
        }
        """);
}
