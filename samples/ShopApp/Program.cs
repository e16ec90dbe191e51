using Npgsql;
using ShopApp;

var connectionString = Environment.GetEnvironmentVariable("SHOP_DB") ?? "Host=127.0.0.1;Database=shop";
await using var dataSource = NpgsqlDataSource.Create(connectionString);
var store = new OrderStore(dataSource);
Console.WriteLine($"orders: {await store.CountOrdersAsync()}");
