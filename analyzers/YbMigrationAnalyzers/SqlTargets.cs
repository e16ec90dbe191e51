using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace YbMigrationAnalyzers;

/// <summary>An expression that gives an API the SQL it runs, and how that API reads it.</summary>
internal readonly struct SqlUse
{
    public SqlUse(IOperation value, PlaceholderStyle placeholders, bool holesAreParameters)
    {
        Value = value;
        Placeholders = placeholders;
        HolesAreParameters = holesAreParameters;
    }

    public IOperation Value { get; }

    public PlaceholderStyle Placeholders { get; }

    /// <summary>
    /// True when the API turns interpolation holes into parameters (EF Core's FromSql, ExecuteSql);
    /// false when they are pasted into the text, where a hole may be an identifier.
    /// </summary>
    public bool HolesAreParameters { get; }
}

/// <summary>
/// The APIs that take SQL, resolved by symbol once per compilation: ADO.NET commands, Npgsql,
/// Dapper, EF Core, and anything marked <c>[StringSyntax("PostgreSQL")]</c>. SQL for other
/// databases' providers (SqlClient, SQLite, MySQL, ...) is not PostgreSQL and is not checked.
/// </summary>
internal sealed class SqlTargets
{
    private static readonly string[] PostgresNamespaces = { "Npgsql", "YBNpgsql" };

    private static readonly string[] OtherProviderNamespaces =
    {
        "Microsoft.Data.SqlClient", "System.Data.SqlClient", "Microsoft.Data.Sqlite", "System.Data.SQLite",
        "MySql.Data", "MySqlConnector", "Oracle.ManagedDataAccess", "System.Data.Odbc", "System.Data.OleDb",
        "FirebirdSql", "IBM.Data", "Snowflake", "ClickHouse", "DuckDB",
    };

    private static readonly HashSet<string> EfRawMethods = new(StringComparer.Ordinal)
    {
        "FromSqlRaw", "ExecuteSqlRaw", "ExecuteSqlRawAsync", "SqlQueryRaw",
    };

    private static readonly HashSet<string> EfInterpolatedMethods = new(StringComparer.Ordinal)
    {
        "FromSql", "FromSqlInterpolated", "ExecuteSql", "ExecuteSqlAsync", "ExecuteSqlInterpolated", "ExecuteSqlInterpolatedAsync", "SqlQuery",
    };

    private readonly INamedTypeSymbol? _dbCommand;
    private readonly INamedTypeSymbol? _idbCommand;
    private readonly INamedTypeSymbol? _dbBatchCommand;
    private readonly INamedTypeSymbol? _npgsqlDataSource;
    private readonly INamedTypeSymbol? _sqlMapper;
    private readonly INamedTypeSymbol? _commandDefinition;
    private readonly INamedTypeSymbol? _efQueryable;
    private readonly INamedTypeSymbol? _efFacade;
    private readonly INamedTypeSymbol? _migrationBuilder;
    private readonly INamedTypeSymbol? _stringSyntax;
    private readonly bool _npgsqlReferenced;

    public SqlTargets(Compilation compilation)
    {
        _dbCommand = compilation.GetTypeByMetadataName("System.Data.Common.DbCommand");
        _idbCommand = compilation.GetTypeByMetadataName("System.Data.IDbCommand");
        _dbBatchCommand = compilation.GetTypeByMetadataName("System.Data.Common.DbBatchCommand");
        _npgsqlDataSource = compilation.GetTypeByMetadataName("Npgsql.NpgsqlDataSource");
        _sqlMapper = compilation.GetTypeByMetadataName("Dapper.SqlMapper");
        _commandDefinition = compilation.GetTypeByMetadataName("Dapper.CommandDefinition");
        _efQueryable = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.RelationalQueryableExtensions");
        _efFacade = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions");
        _migrationBuilder = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.Migrations.MigrationBuilder");
        _stringSyntax = compilation.GetTypeByMetadataName("System.Diagnostics.CodeAnalysis.StringSyntaxAttribute");
        _npgsqlReferenced = compilation.GetTypeByMetadataName("Npgsql.NpgsqlConnection") is not null
                            || compilation.GetTypeByMetadataName("YBNpgsql.NpgsqlConnection") is not null;
    }

    /// <summary>The SQL arguments of a call or a constructor.</summary>
    public void FindInArguments(IMethodSymbol method, IEnumerable<IArgumentOperation> arguments, ITypeSymbol? createdType, List<SqlUse> uses)
    {
        var type = method.ContainingType?.OriginalDefinition;
        if (type is null)
        {
            return;
        }

        foreach (var argument in arguments)
        {
            var parameter = argument.Parameter;
            if (parameter is null || argument.ArgumentKind == ArgumentKind.DefaultValue)
            {
                continue;
            }

            var use = Classify(method, type, parameter, arguments, createdType);
            if (use is { } found)
            {
                uses.Add(new SqlUse(argument.Value, found.Style, found.HolesAreParameters));
            }
        }
    }

    /// <summary>An assignment to <c>CommandText</c> or to a member marked as SQL.</summary>
    public bool IsSqlMember(ISymbol member, ITypeSymbol? receiverType)
    {
        if (member is IPropertySymbol { Name: "CommandText" } property && IsCommandType(property.ContainingType))
        {
            return IsPostgres(receiverType ?? property.ContainingType);
        }

        return HasSqlSyntax(member.GetAttributes(), member.ContainingType);
    }

    private (PlaceholderStyle Style, bool HolesAreParameters)? Classify(
        IMethodSymbol method, INamedTypeSymbol type, IParameterSymbol parameter, IEnumerable<IArgumentOperation> arguments, ITypeSymbol? createdType)
    {
        var isString = parameter.Type.SpecialType == SpecialType.System_String;

        // Dapper: SqlMapper's Execute*/Query*/... (string sql), and CommandDefinition(string commandText).
        if (_sqlMapper is not null && SymbolEqualityComparer.Default.Equals(type, _sqlMapper))
        {
            return isString && parameter.Name == "sql" && IsPostgres(ConnectionType(arguments))
                ? (PlaceholderStyle.AtName, false)
                : null;
        }

        if (_commandDefinition is not null && SymbolEqualityComparer.Default.Equals(type, _commandDefinition) && method.MethodKind == MethodKind.Constructor)
        {
            return isString && parameter.Name == "commandText" && _npgsqlReferenced ? (PlaceholderStyle.AtName, false) : null;
        }

        // EF Core: FromSqlRaw / ExecuteSqlRaw / SqlQueryRaw format {0}; FromSql / ExecuteSql / SqlQuery parameterize holes.
        if (_efQueryable is not null && SymbolEqualityComparer.Default.Equals(type, _efQueryable)
            || _efFacade is not null && SymbolEqualityComparer.Default.Equals(type, _efFacade))
        {
            if (parameter.Name != "sql" || !_npgsqlReferenced)
            {
                return null;
            }

            if (EfRawMethods.Contains(method.Name))
            {
                return (PlaceholderStyle.BraceIndex | PlaceholderStyle.AtName, false);
            }

            return EfInterpolatedMethods.Contains(method.Name) ? (PlaceholderStyle.AtName, true) : null;
        }

        if (_migrationBuilder is not null && SymbolEqualityComparer.Default.Equals(type, _migrationBuilder))
        {
            return method.Name == "Sql" && isString && parameter.Name == "sql" && _npgsqlReferenced ? (PlaceholderStyle.None, false) : null;
        }

        // ADO.NET: new NpgsqlCommand(cmdText, ...), new NpgsqlBatchCommand(commandText), NpgsqlDataSource.CreateCommand(commandText).
        if (isString && method.MethodKind == MethodKind.Constructor && IsCommandType(createdType as INamedTypeSymbol ?? type)
            && parameter.Name.IndexOf("text", StringComparison.OrdinalIgnoreCase) >= 0)
        {
            return IsPostgres(createdType ?? type) ? (PlaceholderStyle.AtName, false) : null;
        }

        if (isString && _npgsqlDataSource is not null && method.Name == "CreateCommand" && DerivesFrom(type, _npgsqlDataSource))
        {
            return (PlaceholderStyle.AtName, false);
        }

        return HasSqlSyntax(parameter.GetAttributes(), type) ? (PlaceholderStyle.AtName, false) : null;
    }

    private bool HasSqlSyntax(IEnumerable<AttributeData> attributes, INamedTypeSymbol? owner)
    {
        if (_stringSyntax is null)
        {
            return false;
        }

        foreach (var attribute in attributes)
        {
            if (!SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _stringSyntax)
                || attribute.ConstructorArguments.Length == 0
                || attribute.ConstructorArguments[0].Value is not string syntax)
            {
                continue;
            }

            if (syntax.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase)
                || syntax.Equals("PostgresSQL", StringComparison.OrdinalIgnoreCase)
                || syntax.Equals("Postgres", StringComparison.OrdinalIgnoreCase)
                || syntax.Equals("PgSQL", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            // "Sql" is any dialect: not when the member belongs to another database's provider.
            if (syntax.Equals("Sql", StringComparison.OrdinalIgnoreCase))
            {
                return owner is null || !InNamespace(owner, OtherProviderNamespaces);
            }
        }

        return false;
    }

    private bool IsCommandType(INamedTypeSymbol? type)
    {
        if (type is null)
        {
            return false;
        }

        if (_dbCommand is not null && DerivesFrom(type, _dbCommand) || _dbBatchCommand is not null && DerivesFrom(type, _dbBatchCommand))
        {
            return true;
        }

        if (_idbCommand is null)
        {
            return false;
        }

        if (SymbolEqualityComparer.Default.Equals(type, _idbCommand))
        {
            return true;
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(implemented, _idbCommand))
            {
                return true;
            }
        }

        return false;
    }

    // The connection a Dapper call runs on: the type of its first (this) argument before conversion.
    private static ITypeSymbol? ConnectionType(IEnumerable<IArgumentOperation> arguments)
    {
        foreach (var argument in arguments)
        {
            var value = argument.Value;
            while (value is IConversionOperation { IsImplicit: true } conversion)
            {
                value = conversion.Operand;
            }

            return value.Type;
        }

        return null;
    }

    /// <summary>
    /// Whether a command or connection type talks to PostgreSQL: an Npgsql type (or one derived
    /// from it) does; another provider's does not; the abstractions (DbCommand, IDbConnection, ...)
    /// do when the compilation references Npgsql.
    /// </summary>
    private bool IsPostgres(ITypeSymbol? type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (InNamespace(current, PostgresNamespaces))
            {
                return true;
            }

            if (InNamespace(current, OtherProviderNamespaces))
            {
                return false;
            }
        }

        return _npgsqlReferenced;
    }

    private static bool InNamespace(ITypeSymbol type, string[] namespaces)
    {
        var name = type.ContainingNamespace?.ToDisplayString();
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }

        foreach (var candidate in namespaces)
        {
            if (name!.Equals(candidate, StringComparison.Ordinal) || name.StartsWith(candidate + ".", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool DerivesFrom(ITypeSymbol type, INamedTypeSymbol baseType)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType))
            {
                return true;
            }
        }

        return false;
    }
}
