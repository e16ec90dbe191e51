using System.Data;
using System.IO;
using System.Threading;
using Microsoft.Data.SqlClient;
using YbMigrate.Migration.Data.Export;

namespace YbMigrate.Migration.Sources.SqlServer;

/// <summary>One export worker's SQL Server connection: chunks read with SqlDataReader, written by <see cref="SqlServerCsvWriter"/>.</summary>
internal sealed class SqlServerTableReader : ITableDataReader
{
    private readonly SqlConnection _connection;
    private readonly SqlTransaction? _transaction;

    public SqlServerTableReader(string connectionString, bool snapshot)
    {
        _connection = new SqlConnection(connectionString);
        _connection.Open();
        if (snapshot)
        {
            _transaction = _connection.BeginTransaction(IsolationLevel.Snapshot);
        }
    }

    public void Copy(ExportChunk chunk, Stream destination, CancellationToken cancellation)
    {
        using var command = new SqlCommand(SqlServerDataQueries.Select(chunk), _connection, _transaction) { CommandTimeout = 0 };
        using var reader = command.ExecuteReader(CommandBehavior.SequentialAccess);
        SqlServerCsvWriter.Write(reader, destination, cancellation);
    }

    public void Dispose()
    {
        _transaction?.Dispose();
        _connection.Dispose();
    }
}
