using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using YbMigrate.Migration.Sql;

namespace YbMigrate.Migration.Data.Import.Binary;

/// <summary>
/// How a table's batches go as binary COPY: a converter per column of the data files, from the target
/// columns' base types. A table has a plan only when every column has a converter.
/// </summary>
internal sealed class BinaryCopyPlan
{
    // Each column's type with domains followed down to their base type (domain_recv checks the
    // domain's constraints and applies its type modifier as domain_in would).
    private const string ColumnTypesSql = """
        WITH RECURSIVE types(name, type) AS (
            SELECT a.attname, a.atttypid FROM pg_catalog.pg_attribute a
            WHERE a.attrelid = pg_catalog.to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped
            UNION ALL
            SELECT types.name, t.typbasetype FROM types JOIN pg_catalog.pg_type t ON t.oid = types.type WHERE t.typtype = 'd')
        SELECT types.name, n.nspname, t.typname
        FROM types JOIN pg_catalog.pg_type t ON t.oid = types.type JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
        WHERE t.typtype <> 'd'
        """;

    private volatile bool _valueRefused;

    private BinaryCopyPlan(BinaryType[] columns, string copySql)
    {
        Columns = columns;
        CopySql = copySql;
    }

    /// <summary>The converter of each column, in the data files' order.</summary>
    public BinaryType[] Columns { get; }

    /// <summary>The COPY ... FROM STDIN WITH (FORMAT binary) of the table's batches.</summary>
    public string CopySql { get; }

    /// <summary>
    /// Whether the table's batches still go as binary: a value refused once says the files write that
    /// column in a form not taken here, so the rest of the table goes as CSV without trying.
    /// </summary>
    public bool InUse => !_valueRefused;

    /// <summary>Notes that a value of the table was refused.</summary>
    public void ValueRefused() => _valueRefused = true;

    /// <summary>The table's plan, or null when one of its columns has a type without converter.</summary>
    /// <param name="connection">On the target.</param>
    /// <param name="table">The manifest's table.</param>
    /// <param name="copySql">The table's binary COPY statement.</param>
    /// <param name="cancel">Cancels the catalog query.</param>
    public static async Task<BinaryCopyPlan?> ReadAsync(NpgsqlConnection connection, TableData table, string copySql, CancellationToken cancel)
    {
        var types = new Dictionary<string, (string Schema, string Name)>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand(ColumnTypesSql, connection))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = SqlIdentifier.Qualify(table.Schema, table.Name) });
            await using var reader = await command.ExecuteReaderAsync(cancel);
            while (await reader.ReadAsync(cancel))
            {
                types[reader.GetString(0)] = (reader.GetString(1), reader.GetString(2));
            }
        }

        var columns = new BinaryType[table.Columns.Count];
        for (var i = 0; i < columns.Length; i++)
        {
            if (!types.TryGetValue(table.Columns[i], out var type) || type.Schema != "pg_catalog" || !BinaryValue.Types.TryGetValue(type.Name, out columns[i]))
            {
                return null;
            }
        }

        return new BinaryCopyPlan(columns, copySql);
    }
}
