using System.Linq;
using YbMigrate.Migration.Sql;

namespace YbMigrate.Migration.Tests;

public class SqlIdentifierTests
{
    [Theory]
    [InlineData("customers", "customers")]
    [InlineData("order_lines2", "order_lines2")]
    [InlineData("_private", "_private")]
    [InlineData("name", "name")] // unreserved keyword: plain
    [InlineData("Customers", "\"Customers\"")]
    [InlineData("Full Name", "\"Full Name\"")]
    [InlineData("select", "\"select\"")]
    [InlineData("user", "\"user\"")]
    [InlineData("order", "\"order\"")]
    [InlineData("integer", "\"integer\"")] // usable as a column name, but quote_ident quotes it
    [InlineData("2fa", "\"2fa\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("café", "\"café\"")]
    [InlineData("a$b", "\"a$b\"")]
    public void Quotes_what_postgresql_would_not_read_back_unchanged(string name, string expected) =>
        Assert.Equal(expected, SqlIdentifier.Quote(name));

    [Fact]
    public void Agrees_with_the_servers_quote_ident()
    {
        string[] names = ["customers", "Customers", "Full Name", "select", "user", "order", "integer", "name", "between", "2fa", "a$b", "say \"hi\"", "table", "value", "text"];
        var server = TestPostgres.Rows(TestPostgres.ConnectionString,
            "SELECT pg_catalog.quote_ident(n) FROM unnest(ARRAY[" + string.Join(", ", names.Select(SqlIdentifier.Literal)) + "]) WITH ORDINALITY AS t(n, i) ORDER BY i");
        Assert.Equal(server, names.Select(SqlIdentifier.Quote).ToList());
    }

    [Fact]
    public void Qualifies_and_writes_literals()
    {
        Assert.Equal("\"Sales Data\".\"Orders\"", SqlIdentifier.Qualify("Sales Data", "Orders"));
        Assert.Equal("'it''s'", SqlIdentifier.Literal("it's"));
    }
}
