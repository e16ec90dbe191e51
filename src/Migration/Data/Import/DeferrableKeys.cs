using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using YbMigrate.Migration.Sql;

namespace YbMigrate.Migration.Data.Import;

/// <summary>
/// A target table's DEFERRABLE primary key, unique and exclusion constraints. PostgreSQL checks them
/// with a trigger, which <c>session_replication_role = replica</c> turns off with the others: a
/// duplicate key would load unnoticed and leave the constraint's index holding it. A batch of such a
/// table therefore runs with triggers on and these constraints checked at the end of its COPY, where
/// a duplicate is a bad row like any other. (Schema export drops DEFERRABLE from keys, which
/// YugabyteDB does not support: YB1009; a table made by hand can still have one.)
/// </summary>
internal static class DeferrableKeys
{
    private const string Sql = """
        SELECT conname FROM pg_catalog.pg_constraint
        WHERE conrelid = pg_catalog.to_regclass($1) AND condeferrable AND contype IN ('p', 'u', 'x')
        ORDER BY conname
        """;

    /// <summary>The names of the table's deferrable key constraints; empty for most tables.</summary>
    public static async Task<IReadOnlyList<string>> ReadAsync(NpgsqlConnection connection, TableData table, CancellationToken cancel)
    {
        var names = new List<string>();
        await using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = SqlIdentifier.Qualify(table.Schema, table.Name) });
        await using var reader = await command.ExecuteReaderAsync(cancel);
        while (await reader.ReadAsync(cancel))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    /// <summary>
    /// Run in a batch's transaction before its COPY: triggers back on for the transaction (when the
    /// session turned them off: <paramref name="triggersOff"/>) and the constraints checked at the end
    /// of each statement rather than at COMMIT.
    /// </summary>
    public static string CheckAtOnceSql(string schema, IReadOnlyList<string> constraints, bool triggersOff) =>
        (triggersOff ? "SET LOCAL session_replication_role = origin; " : "") +
        "SET CONSTRAINTS " + string.Join(", ", constraints.Select(c => SqlIdentifier.Qualify(schema, c))) + " IMMEDIATE";

    /// <summary>The warning given once per such table.</summary>
    public static string Warning(string table, IReadOnlyList<string> constraints) =>
        $"{table}: loaded with its triggers and foreign keys on, and {string.Join(", ", constraints)} checked after each batch's COPY: " +
        "with triggers off PostgreSQL does not check a DEFERRABLE key, and a duplicate would load unnoticed. " +
        "YugabyteDB has no deferrable keys (YB1009): made NOT DEFERRABLE, they load as the other tables do.";
}
