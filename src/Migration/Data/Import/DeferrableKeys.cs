using System;
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
        SELECT t.name, c.conname
        FROM unnest($1::text[]) AS t(name) JOIN pg_catalog.pg_constraint c ON c.conrelid = pg_catalog.to_regclass(t.name)
        WHERE c.condeferrable AND c.contype IN ('p', 'u', 'x')
        ORDER BY 1, 2
        """;

    /// <summary>The deferrable key constraints of the tables that have any (most have none), by table, in one query for all.</summary>
    public static async Task<IReadOnlyDictionary<TableData, IReadOnlyList<string>>> ReadAsync(NpgsqlConnection connection, IReadOnlyList<TableData> tables, CancellationToken cancel)
    {
        var byName = tables.GroupBy(t => SqlIdentifier.Qualify(t.Schema, t.Name), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var found = new List<(TableData Table, string Constraint)>();
        await using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = byName.Keys.ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancel);
        while (await reader.ReadAsync(cancel))
        {
            found.Add((byName[reader.GetString(0)], reader.GetString(1)));
        }

        return found.GroupBy(f => f.Table).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(f => f.Constraint).ToList());
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
