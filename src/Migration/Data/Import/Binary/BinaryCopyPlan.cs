using System;
using System.Collections.Generic;

namespace YbMigrate.Migration.Data.Import.Binary;

/// <summary>
/// How a table's batches go as binary COPY: a converter per column of the data files, from the target
/// columns' base types. A table has a plan only when every column has a converter.
/// </summary>
internal sealed class BinaryCopyPlan
{
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
    /// <param name="table">The manifest's table.</param>
    /// <param name="targetColumns">The target table's columns with their base types (<see cref="TargetColumns"/>).</param>
    /// <param name="copySql">The table's binary COPY statement.</param>
    public static BinaryCopyPlan? For(TableData table, IReadOnlyDictionary<string, ColumnType> targetColumns, string copySql)
    {
        var columns = new BinaryType[table.Columns.Count];
        for (var i = 0; i < columns.Length; i++)
        {
            if (!targetColumns.TryGetValue(table.Columns[i], out var type) || type.Schema != "pg_catalog" || !BinaryValue.Types.TryGetValue(type.Name, out columns[i]))
            {
                return null;
            }
        }

        return new BinaryCopyPlan(columns, copySql);
    }
}
