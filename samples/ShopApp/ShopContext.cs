using Microsoft.EntityFrameworkCore;

namespace ShopApp;

public sealed class Customer
{
    public long Id { get; set; }
    public string Email { get; set; } = "";
    public uint Version { get; set; }
}

public sealed class Store
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string Area { get; set; } = "";
}

/// <summary>The EF Core model: its Npgsql configuration produces DDL YugabyteDB does not accept.</summary>
public sealed class ShopContext(DbContextOptions<ShopContext> options) : DbContext(options)
{
    public DbSet<Customer> Customers => Set<Customer>();

    public DbSet<Store> Stores => Set<Store>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("postgis");
        modelBuilder.Entity<Customer>().Property(c => c.Version).IsRowVersion();
        modelBuilder.Entity<Store>().HasIndex(s => s.Area).HasMethod("gist");
    }

    public Task<List<Customer>> ByDomainAsync(string domain) =>
        Customers.FromSqlRaw("SELECT * FROM customers WHERE email LIKE {0} AND xmin > 0", "%@" + domain).ToListAsync();
}
