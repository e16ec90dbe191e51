using System;
using System.Collections.Generic;
using YbMigrate.Migration.Model;

namespace YbMigrate.Migration.Sources;

/// <summary>The kind of database a migration reads from.</summary>
public enum SourceKind
{
    /// <summary>PostgreSQL (Npgsql connection string).</summary>
    PostgreSql,

    /// <summary>SQL Server (Microsoft.Data.SqlClient; types mapped to PostgreSQL's by SqlServerTypeMap).</summary>
    SqlServer,
}

/// <summary>A database to migrate from. Each provider reads its own catalog into the common <see cref="SourceSchema"/>.</summary>
public interface ISourceDatabase : IDisposable
{
    /// <summary>The provider.</summary>
    SourceKind Kind { get; }

    /// <summary>The connection string with the password removed, safe to print and report.</summary>
    string DisplayConnection { get; }

    /// <summary>Reads the schema of <paramref name="schemas"/> (null or empty: every user schema).</summary>
    SourceSchema ReadSchema(IReadOnlyCollection<string>? schemas);
}
