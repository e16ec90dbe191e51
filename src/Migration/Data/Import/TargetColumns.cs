using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using YbMigrate.Migration.Sql;

namespace YbMigrate.Migration.Data.Import;

/// <summary>A column's base type on the target (domains followed down): its schema and name.</summary>
/// <param name="Schema">The type's schema, e.g. pg_catalog.</param>
/// <param name="Name">The type's name, e.g. int8.</param>
internal readonly record struct ColumnType(string Schema, string Name);

/// <summary>A target table's columns with their base types, read once per table: they are checked against the data files and choose the binary converters.</summary>
internal static class TargetColumns
{
    // Each column's type with domains followed down to their base type (domain_recv checks the
    // domain's constraints and applies its type modifier as domain_in would).
    private const string Sql = """
        WITH RECURSIVE types(name, type) AS (
            SELECT a.attname, a.atttypid FROM pg_catalog.pg_attribute a
            WHERE a.attrelid = pg_catalog.to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped
            UNION ALL
            SELECT types.name, t.typbasetype FROM types JOIN pg_catalog.pg_type t ON t.oid = types.type WHERE t.typtype = 'd')
        SELECT types.name, n.nspname, t.typname
        FROM types JOIN pg_catalog.pg_type t ON t.oid = types.type JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
        WHERE t.typtype <> 'd'
        """;

    /// <summary>Each column's base type (schema and name) by column name; empty when the table is not there.</summary>
    public static async Task<IReadOnlyDictionary<string, ColumnType>> ReadAsync(NpgsqlConnection connection, TableData table, CancellationToken cancel)
    {
        var types = new Dictionary<string, ColumnType>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = SqlIdentifier.Qualify(table.Schema, table.Name) });
        await using var reader = await command.ExecuteReaderAsync(cancel);
        while (await reader.ReadAsync(cancel))
        {
            types[reader.GetString(0)] = new ColumnType(reader.GetString(1), reader.GetString(2));
        }

        return types;
    }
}
