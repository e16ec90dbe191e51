using System;
using System.Collections.Generic;
using Microsoft.Data.SqlClient;
using YbMigrate.Migration.Model;

namespace YbMigrate.Migration.Sources.SqlServer;

/// <summary>
/// A SQL Server source (Microsoft.Data.SqlClient): runs <see cref="SqlServerCatalogQueries"/> and
/// hands the rows to <see cref="SqlServerCatalogReader"/>. Not tested against a server here (none
/// can run on the project's machines): the reader is tested on recorded rows.
/// </summary>
public sealed partial class SqlServerSource : ISourceDatabase, ISqlServerCatalog
{
    private readonly SqlConnection _connection;
    private readonly string _connectionString;

    /// <summary>Opens a connection to the source.</summary>
    public SqlServerSource(string connectionString)
    {
        _connectionString = connectionString;
        DisplayConnection = RedactSqlServer(connectionString);
        _connection = new SqlConnection(connectionString);
        _connection.Open();
    }

    /// <inheritdoc />
    public SourceKind Kind => SourceKind.SqlServer;

    /// <inheritdoc />
    public string DisplayConnection { get; }

    /// <inheritdoc />
    public void Dispose() => _connection.Dispose();

    /// <inheritdoc />
    public SourceSchema ReadSchema(IReadOnlyCollection<string>? schemas) => SqlServerCatalogReader.Read(this, schemas);

    /// <inheritdoc />
    public IReadOnlyList<IReadOnlyDictionary<string, object?>> Run(CatalogQuery query)
    {
        using var command = new SqlCommand(query.Sql, _connection) { CommandTimeout = 0 };
        using var reader = command.ExecuteReader();
        return DataReaderRows.ReadAll(new DataReaderRows(reader), query);
    }

    /// <summary>A SQL Server connection string without its password, for messages and reports.</summary>
    public static string RedactSqlServer(string connectionString)
    {
        try
        {
            var builder = new SqlConnectionStringBuilder(connectionString);
            builder.Remove("Password");
            return builder.ConnectionString;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException)
        {
            return "(unreadable connection string)";
        }
    }
}
