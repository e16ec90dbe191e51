using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using YbMigrate.Migration.Sql;

namespace YbMigrate.Migration.Data.Import;

/// <summary>A table autovacuum is held off, with its own settings from before (null: not set).</summary>
/// <param name="Schema">Its schema.</param>
/// <param name="Table">Its name.</param>
/// <param name="Heap">Its autovacuum_enabled.</param>
/// <param name="Toast">Its TOAST table's autovacuum_enabled.</param>
internal sealed record HeldTable(string Schema, string Table, string? Heap, string? Toast)
{
    /// <summary>"schema.name".</summary>
    public string Name => Schema + "." + Table;
}

/// <summary>
/// Autovacuum held off a PostgreSQL table while the import loads it. Each batch commits, so within
/// seconds autovacuum sees a growing table and vacuums and analyzes it during the load, reading what
/// was loaded and dirtying it again, and again as the table grows (a 2,000,000-row load took 15-20%
/// longer when it did: bench/RESULTS.md); a load in one transaction never meets it. The table's own
/// setting is kept in the ledger before it is turned off, so a run that stops or crashes leaves the way
/// back, and the run that completes the table puts it back.
/// </summary>
internal static class AutovacuumPause
{
    public const string LedgerTable = "yb_migrate.import_autovacuum";

    /// <summary>The ledger table: a row per table held, with its own settings before (null: not set).</summary>
    public const string CreateSql =
        $"CREATE TABLE IF NOT EXISTS {LedgerTable} (table_schema text NOT NULL, table_name text NOT NULL, " +
        "heap_setting text, toast_setting text, PRIMARY KEY (table_schema, table_name))";

    // The table's own autovacuum_enabled and its TOAST table's; ordinary tables only (a partitioned
    // table has no storage of its own to vacuum, a foreign one none here).
    private const string KeepSql =
        $"INSERT INTO {LedgerTable} (table_schema, table_name, heap_setting, toast_setting) " +
        "SELECT n.nspname, c.relname, " +
        "(SELECT option_value FROM pg_catalog.pg_options_to_table(c.reloptions) WHERE option_name = 'autovacuum_enabled'), " +
        "(SELECT option_value FROM pg_catalog.pg_options_to_table(t.reloptions) WHERE option_name = 'autovacuum_enabled') " +
        "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace " +
        "LEFT JOIN pg_catalog.pg_class t ON t.oid = c.reltoastrelid " +
        "WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind = 'r' " +
        "ON CONFLICT (table_schema, table_name) DO NOTHING";

    /// <summary>
    /// Turns autovacuum off for the table, its own setting kept first (a row kept by an earlier run that
    /// did not complete the table is the table's own and stays); a table that is not an ordinary one is
    /// left alone. Throws the target's 42501 when it refuses: only the table's owner may change it.
    /// </summary>
    public static async Task PauseAsync(NpgsqlConnection connection, string schema, string table, CancellationToken cancel)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancel);
        await using (var keep = new NpgsqlCommand(KeepSql, connection))
        {
            ImportLedger.Add(keep, schema, table);
            await keep.ExecuteNonQueryAsync(cancel);
        }

        await using (var kept = new NpgsqlCommand($"SELECT EXISTS (SELECT 1 FROM {LedgerTable} WHERE table_schema = $1 AND table_name = $2)", connection))
        {
            ImportLedger.Add(kept, schema, table);
            if (!(bool)(await kept.ExecuteScalarAsync(cancel))!)
            {
                return;
            }
        }

        await ExecuteAsync(connection, $"ALTER TABLE {SqlIdentifier.Qualify(schema, table)} SET (autovacuum_enabled = false, toast.autovacuum_enabled = false)", cancel);
        await transaction.CommitAsync(cancel);
    }

    /// <summary>Every table autovacuum is held off, by this run or an earlier one.</summary>
    public static async Task<List<HeldTable>> ReadHeldAsync(NpgsqlConnection connection, CancellationToken cancel)
    {
        var held = new List<HeldTable>();
        await using var command = new NpgsqlCommand($"SELECT table_schema, table_name, heap_setting, toast_setting FROM {LedgerTable}", connection);
        await using var reader = await command.ExecuteReaderAsync(cancel);
        while (await reader.ReadAsync(cancel))
        {
            held.Add(new HeldTable(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        }

        return held;
    }

    /// <summary>Puts back a held table's own settings and forgets them.</summary>
    public static async Task ResumeAsync(NpgsqlConnection connection, HeldTable held, CancellationToken cancel)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancel);
        var name = SqlIdentifier.Qualify(held.Schema, held.Table);
        await ExecuteAsync(connection, $"ALTER TABLE {name} RESET (autovacuum_enabled, toast.autovacuum_enabled)", cancel);
        if (held.Heap is not null)
        {
            await ExecuteAsync(connection, $"ALTER TABLE {name} SET (autovacuum_enabled = {SqlIdentifier.Literal(held.Heap)})", cancel);
        }

        if (held.Toast is not null)
        {
            await ExecuteAsync(connection, $"ALTER TABLE {name} SET (toast.autovacuum_enabled = {SqlIdentifier.Literal(held.Toast)})", cancel);
        }

        await using (var forget = new NpgsqlCommand($"DELETE FROM {LedgerTable} WHERE table_schema = $1 AND table_name = $2", connection))
        {
            ImportLedger.Add(forget, held.Schema, held.Table);
            await forget.ExecuteNonQueryAsync(cancel);
        }

        await transaction.CommitAsync(cancel);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancel)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancel);
    }
}
