using YbMigrate.Migration.Sources.PostgreSql;

namespace YbMigrate.Migration.Tests.Data;

public sealed class LibPqTests
{
    [Fact]
    public void Npgsql_connection_strings_become_libpq_ones_with_values_quoted()
    {
        Assert.Equal(
            "host='db.example' port='6432' dbname='shop' user='o\\'brien' password='p\\\\w d' sslmode='verify-full' sslrootcert='/etc/ca.pem' " +
            "connect_timeout='7' application_name='yb' client_encoding='UTF8'",
            LibPqTableReader.ConnectionInfo(
                "Host=db.example;Port=6432;Database=shop;Username=o'brien;Password=p\\w d;SSL Mode=VerifyFull;Root Certificate=/etc/ca.pem;Timeout=7;Application Name=yb;Pooling=false"));
        Assert.Contains("sslmode='verify-ca'", LibPqTableReader.ConnectionInfo("Host=h;SSL Mode=VerifyCA"));
        Assert.Contains("host='/var/run/postgresql'", LibPqTableReader.ConnectionInfo("Host=/var/run/postgresql"));
    }

    [Fact]
    public void A_server_that_refuses_the_connection_is_a_libpq_error_with_its_message()
    {
        var error = Assert.Throws<LibPqException>(() => new LibPqTableReader("Host=127.0.0.1;Port=1;Username=u;Timeout=2", "00000003-00000001-1"));

        Assert.Contains("127.0.0.1", error.Message);
    }
}
