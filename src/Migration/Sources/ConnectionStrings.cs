using System;
using Npgsql;

namespace YbMigrate.Migration.Sources;

/// <summary>Connection string helpers.</summary>
public static class ConnectionStrings
{
    /// <summary>A PostgreSQL connection string without its password, for messages and reports.</summary>
    public static string RedactPostgreSql(string connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            builder.Remove("Password");
            return builder.ConnectionString;
        }
        catch (ArgumentException)
        {
            return "(unreadable connection string)";
        }
    }
}
