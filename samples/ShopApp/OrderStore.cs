using Dapper;
using Npgsql;

namespace ShopApp;

/// <summary>The application's data access: the SQL a YugabyteDB migration has to look at.</summary>
public sealed class OrderStore(NpgsqlDataSource dataSource)
{
    private const string UpsertPrice = """
        MERGE INTO product p
        USING (VALUES (@sku, @price)) AS s(sku, price) ON p.sku = s.sku
        WHEN MATCHED THEN UPDATE SET price = s.price
        WHEN NOT MATCHED THEN INSERT (sku, price) VALUES (s.sku, s.price)
        """;

    public async Task<uint> VersionOfAsync(long orderId)
    {
        // Optimistic concurrency on PostgreSQL's row version: there is no xmin on YugabyteDB.
        await using var command = dataSource.CreateCommand("SELECT xmin FROM orders WHERE order_id = @id");
        command.Parameters.AddWithValue("id", orderId);
        return (uint)(await command.ExecuteScalarAsync() ?? 0u);
    }

    public async Task<IEnumerable<long>> TopCustomersAsync()
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.QueryAsync<long>(
            "SELECT customer_id FROM orders GROUP BY customer_id ORDER BY count(*) DESC FETCH FIRST 10 ROWS WITH TIES");
    }

    public async Task NextInvoiceNumberAsync()
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync("SELECT pg_advisory_xact_lock(@key)", new { key = 42 });
    }

    public async Task SetPriceAsync(string sku, decimal price)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(UpsertPrice, new { sku, price });
    }

    public async Task<int> CountOrdersAsync()
    {
        // Fine on YugabyteDB: no finding here.
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM orders WHERE status = @status", new { status = "paid" });
    }
}
