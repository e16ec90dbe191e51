using System.Collections.Generic;

namespace YbMigrate.Migration.Sources.SqlServer;

/// <summary>A catalog query: its name (the key of recorded rows), its T-SQL and the columns it returns, which are all the reader may read.</summary>
public sealed record CatalogQuery(string Name, string Sql, IReadOnlyList<string> Columns);

/// <summary>Result column names shared by the queries and <see cref="SqlServerCatalogReader"/>.</summary>
public static class Col
{
#pragma warning disable CS1591 // the names say it
    public const string ServerVersion = "server_version";
    public const string SchemaName = "schema_name";
    public const string TableName = "table_name";
    public const string ObjectId = "object_id";
    public const string ColumnName = "column_name";
    public const string ColumnId = "column_id";
    public const string TypeName = "type_name";
    public const string MaxLength = "max_length";
    public const string Precision = "precision";
    public const string Scale = "scale";
    public const string IsNullable = "is_nullable";
    public const string IsIdentity = "is_identity";
    public const string SeedValue = "seed_value";
    public const string IncrementValue = "increment_value";
    public const string LastValue = "last_value";
    public const string DefaultDefinition = "default_definition";
    public const string ComputedDefinition = "computed_definition";
    public const string ConstraintName = "constraint_name";
    public const string ConstraintType = "constraint_type";
    public const string KeyOrdinal = "key_ordinal";
    public const string IsDescending = "is_descending_key";
    public const string ReferencedSchema = "referenced_schema";
    public const string ReferencedTable = "referenced_table";
    public const string ReferencedColumn = "referenced_column";
    public const string DeleteAction = "delete_action";
    public const string UpdateAction = "update_action";
    public const string IsDisabled = "is_disabled";
    public const string IsNotTrusted = "is_not_trusted";
    public const string Definition = "definition";
    public const string IndexName = "index_name";
    public const string IndexType = "index_type";
    public const string IsUnique = "is_unique";
    public const string IsIncluded = "is_included_column";
    public const string FilterDefinition = "filter_definition";
    public const string SequenceName = "sequence_name";
    public const string StartValue = "start_value";
    public const string Increment = "increment";
    public const string MinimumValue = "minimum_value";
    public const string MaximumValue = "maximum_value";
    public const string CacheSize = "cache_size";
    public const string IsCycling = "is_cycling";
    public const string ViewName = "view_name";
#pragma warning restore CS1591
}

/// <summary>
/// The sys.* catalog queries (SQL Server 2017 or later: sys.sequences.last_used_value). Every
/// result column is aliased with a <see cref="Col"/> name; rows are read by name only. Objects
/// shipped by Microsoft (is_ms_shipped) are left out; schemas are filtered by the reader.
/// </summary>
public static class SqlServerCatalogQueries
{
    /// <summary>The server's version.</summary>
    public static readonly CatalogQuery ServerVersion = new("server_version",
        "SELECT CONVERT(nvarchar(128), SERVERPROPERTY('ProductVersion')) AS [server_version];",
        [Col.ServerVersion]);

    /// <summary>Schemas that hold a user table, view or sequence.</summary>
    public static readonly CatalogQuery Schemas = new("schemas", """
        SELECT s.name AS [schema_name]
        FROM sys.schemas AS s
        WHERE EXISTS (SELECT 1 FROM sys.objects AS o WHERE o.schema_id = s.schema_id AND o.is_ms_shipped = 0 AND o.type IN ('U', 'V', 'SO'))
        ORDER BY s.name;
        """,
        [Col.SchemaName]);

    /// <summary>User tables.</summary>
    public static readonly CatalogQuery Tables = new("tables", """
        SELECT s.name AS [schema_name], t.name AS [table_name], t.object_id AS [object_id]
        FROM sys.tables AS t JOIN sys.schemas AS s ON s.schema_id = t.schema_id
        WHERE t.is_ms_shipped = 0
        ORDER BY s.name, t.name;
        """,
        [Col.SchemaName, Col.TableName, Col.ObjectId]);

    /// <summary>Columns of user tables with their type (the system type under an alias type), identity and default.</summary>
    public static readonly CatalogQuery Columns = new("columns", """
        SELECT c.object_id AS [object_id], c.name AS [column_name], c.column_id AS [column_id],
               CASE WHEN ut.is_user_defined = 0 THEN ut.name ELSE bt.name END AS [type_name],
               c.max_length AS [max_length], c.precision AS [precision], c.scale AS [scale],
               c.is_nullable AS [is_nullable], c.is_identity AS [is_identity],
               CONVERT(bigint, ic.seed_value) AS [seed_value], CONVERT(bigint, ic.increment_value) AS [increment_value],
               CONVERT(bigint, ic.last_value) AS [last_value],
               dc.definition AS [default_definition], cc.definition AS [computed_definition]
        FROM sys.columns AS c
        JOIN sys.tables AS t ON t.object_id = c.object_id
        JOIN sys.types AS ut ON ut.user_type_id = c.user_type_id
        LEFT JOIN sys.types AS bt ON bt.user_type_id = c.system_type_id
        LEFT JOIN sys.identity_columns AS ic ON ic.object_id = c.object_id AND ic.column_id = c.column_id
        LEFT JOIN sys.default_constraints AS dc ON dc.object_id = c.default_object_id
        LEFT JOIN sys.computed_columns AS cc ON cc.object_id = c.object_id AND cc.column_id = c.column_id
        WHERE t.is_ms_shipped = 0
        ORDER BY c.object_id, c.column_id;
        """,
        [Col.ObjectId, Col.ColumnName, Col.ColumnId, Col.TypeName, Col.MaxLength, Col.Precision, Col.Scale, Col.IsNullable,
            Col.IsIdentity, Col.SeedValue, Col.IncrementValue, Col.LastValue, Col.DefaultDefinition, Col.ComputedDefinition]);

    /// <summary>Primary keys and unique constraints, one row per key column.</summary>
    public static readonly CatalogQuery KeyConstraints = new("key_constraints", """
        SELECT kc.parent_object_id AS [object_id], kc.name AS [constraint_name], kc.type AS [constraint_type],
               ic.key_ordinal AS [key_ordinal], c.name AS [column_name], ic.is_descending_key AS [is_descending_key]
        FROM sys.key_constraints AS kc
        JOIN sys.index_columns AS ic ON ic.object_id = kc.parent_object_id AND ic.index_id = kc.unique_index_id
        JOIN sys.columns AS c ON c.object_id = ic.object_id AND c.column_id = ic.column_id
        WHERE kc.is_ms_shipped = 0 AND ic.key_ordinal > 0
        ORDER BY kc.parent_object_id, kc.name, ic.key_ordinal;
        """,
        [Col.ObjectId, Col.ConstraintName, Col.ConstraintType, Col.KeyOrdinal, Col.ColumnName, Col.IsDescending]);

    /// <summary>Foreign keys, one row per column pair.</summary>
    public static readonly CatalogQuery ForeignKeys = new("foreign_keys", """
        SELECT fk.parent_object_id AS [object_id], fk.name AS [constraint_name], fkc.constraint_column_id AS [key_ordinal],
               pc.name AS [column_name], rs.name AS [referenced_schema], rt.name AS [referenced_table], rc.name AS [referenced_column],
               fk.delete_referential_action_desc AS [delete_action], fk.update_referential_action_desc AS [update_action],
               fk.is_disabled AS [is_disabled], fk.is_not_trusted AS [is_not_trusted]
        FROM sys.foreign_keys AS fk
        JOIN sys.foreign_key_columns AS fkc ON fkc.constraint_object_id = fk.object_id
        JOIN sys.columns AS pc ON pc.object_id = fkc.parent_object_id AND pc.column_id = fkc.parent_column_id
        JOIN sys.tables AS rt ON rt.object_id = fkc.referenced_object_id
        JOIN sys.schemas AS rs ON rs.schema_id = rt.schema_id
        JOIN sys.columns AS rc ON rc.object_id = fkc.referenced_object_id AND rc.column_id = fkc.referenced_column_id
        WHERE fk.is_ms_shipped = 0
        ORDER BY fk.parent_object_id, fk.name, fkc.constraint_column_id;
        """,
        [Col.ObjectId, Col.ConstraintName, Col.KeyOrdinal, Col.ColumnName, Col.ReferencedSchema, Col.ReferencedTable, Col.ReferencedColumn,
            Col.DeleteAction, Col.UpdateAction, Col.IsDisabled, Col.IsNotTrusted]);

    /// <summary>Check constraints with their T-SQL definition.</summary>
    public static readonly CatalogQuery CheckConstraints = new("check_constraints", """
        SELECT cc.parent_object_id AS [object_id], cc.name AS [constraint_name], cc.definition AS [definition], cc.is_disabled AS [is_disabled]
        FROM sys.check_constraints AS cc
        WHERE cc.is_ms_shipped = 0
        ORDER BY cc.parent_object_id, cc.name;
        """,
        [Col.ObjectId, Col.ConstraintName, Col.Definition, Col.IsDisabled]);

    /// <summary>Indexes that are not a primary key or unique constraint, one row per key or included column.</summary>
    public static readonly CatalogQuery Indexes = new("indexes", """
        SELECT i.object_id AS [object_id], i.name AS [index_name], i.type_desc AS [index_type], i.is_unique AS [is_unique],
               i.filter_definition AS [filter_definition], i.is_disabled AS [is_disabled],
               ic.key_ordinal AS [key_ordinal], c.name AS [column_name], ic.is_descending_key AS [is_descending_key],
               ic.is_included_column AS [is_included_column]
        FROM sys.indexes AS i
        JOIN sys.tables AS t ON t.object_id = i.object_id
        JOIN sys.index_columns AS ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id
        JOIN sys.columns AS c ON c.object_id = ic.object_id AND c.column_id = ic.column_id
        WHERE t.is_ms_shipped = 0 AND i.is_primary_key = 0 AND i.is_unique_constraint = 0 AND i.is_hypothetical = 0 AND i.index_id > 0
        ORDER BY i.object_id, i.name, ic.is_included_column, ic.key_ordinal, ic.index_column_id;
        """,
        [Col.ObjectId, Col.IndexName, Col.IndexType, Col.IsUnique, Col.FilterDefinition, Col.IsDisabled, Col.KeyOrdinal, Col.ColumnName,
            Col.IsDescending, Col.IsIncluded]);

    /// <summary>Sequences; values converted from sql_variant to bigint.</summary>
    public static readonly CatalogQuery Sequences = new("sequences", """
        SELECT s.name AS [schema_name], q.name AS [sequence_name], TYPE_NAME(q.system_type_id) AS [type_name],
               CONVERT(bigint, q.start_value) AS [start_value], CONVERT(bigint, q.increment) AS [increment],
               CONVERT(bigint, q.minimum_value) AS [minimum_value], CONVERT(bigint, q.maximum_value) AS [maximum_value],
               CONVERT(bigint, q.cache_size) AS [cache_size], q.is_cycling AS [is_cycling], CONVERT(bigint, q.last_used_value) AS [last_value]
        FROM sys.sequences AS q JOIN sys.schemas AS s ON s.schema_id = q.schema_id
        WHERE q.is_ms_shipped = 0
        ORDER BY s.name, q.name;
        """,
        [Col.SchemaName, Col.SequenceName, Col.TypeName, Col.StartValue, Col.Increment, Col.MinimumValue, Col.MaximumValue, Col.CacheSize,
            Col.IsCycling, Col.LastValue]);

    /// <summary>Views with their T-SQL text (NULL when WITH ENCRYPTION).</summary>
    public static readonly CatalogQuery Views = new("views", """
        SELECT s.name AS [schema_name], v.name AS [view_name], m.definition AS [definition]
        FROM sys.views AS v JOIN sys.schemas AS s ON s.schema_id = v.schema_id
        LEFT JOIN sys.sql_modules AS m ON m.object_id = v.object_id
        WHERE v.is_ms_shipped = 0
        ORDER BY s.name, v.name;
        """,
        [Col.SchemaName, Col.ViewName, Col.Definition]);

    /// <summary>Every query, in the order the reader runs them.</summary>
    public static IReadOnlyList<CatalogQuery> All { get; } =
        [ServerVersion, Schemas, Tables, Columns, KeyConstraints, ForeignKeys, CheckConstraints, Indexes, Sequences, Views];
}
