using System.Collections.Generic;
using System.Linq;

namespace YbMigrate.Migration.Model;

// The source database's schema as the exporter needs it. Expressions and definitions are kept as
// the source server prints them (pg_get_expr, pg_get_viewdef, ...), with every name schema-qualified.

/// <summary>Everything read from a source database's catalog.</summary>
public sealed class SourceSchema
{
    /// <summary>The source server, e.g. "PostgreSQL 15.18".</summary>
    public string ServerVersion { get; set; } = "";

    /// <summary>Schemas exported (public included).</summary>
    public List<SchemaInfo> Schemas { get; } = new();

    /// <summary>Extensions installed in the database.</summary>
    public List<ExtensionInfo> Extensions { get; } = new();

    /// <summary>Enum types.</summary>
    public List<EnumTypeInfo> Enums { get; } = new();

    /// <summary>Domains.</summary>
    public List<DomainInfo> Domains { get; } = new();

    /// <summary>Range types (CREATE TYPE ... AS RANGE).</summary>
    public List<RangeTypeInfo> RangeTypes { get; } = new();

    /// <summary>Composite types (CREATE TYPE ... AS (...)), not the row types of tables.</summary>
    public List<CompositeTypeInfo> CompositeTypes { get; } = new();

    /// <summary>Sequences, those behind identity columns included.</summary>
    public List<SequenceInfo> Sequences { get; } = new();

    /// <summary>Tables, partitioned tables and partitions (parents before their partitions).</summary>
    public List<TableInfo> Tables { get; } = new();

    /// <summary>
    /// Views, materialized views and the functions whose signatures use a table's or view's row type,
    /// each after every object of this list it depends on: a view after the views and functions it
    /// calls, a function after the view whose rows it takes or returns.
    /// </summary>
    public List<IRelationDependent> RelationDependents { get; } = new();

    /// <summary>Views and materialized views, in <see cref="RelationDependents"/> order.</summary>
    public IEnumerable<ViewInfo> Views => RelationDependents.OfType<ViewInfo>();

    /// <summary>Functions and procedures (those on row types also in <see cref="RelationDependents"/>).</summary>
    public List<FunctionInfo> Functions { get; } = new();

    /// <summary>Indexes that no constraint owns (primary key, unique and exclusion indexes are the constraints').</summary>
    public List<IndexInfo> Indexes { get; } = new();

    /// <summary>Unique, exclusion, foreign-key and not yet validated check constraints: added after the data.</summary>
    public List<ConstraintInfo> PostDataConstraints { get; } = new();

    /// <summary>Triggers (not the internal ones of constraints, not the clones on partitions).</summary>
    public List<TriggerInfo> Triggers { get; } = new();

    /// <summary>Objects seen but not exported, with why.</summary>
    public List<string> Skipped { get; } = new();

    /// <summary>Conversions made reading another kind of source (types, defaults), each lossy or approximate one with why.</summary>
    public List<string> Conversions { get; } = new();

    /// <summary>Source definitions that cannot be converted (e.g. T-SQL checks and views): written as comments for a person to port.</summary>
    public List<ReviewItem> ForReview { get; } = new();
}

/// <summary>A source definition kept for review, not executed: <paramref name="Kind"/> e.g. "CHECK", "VIEW".</summary>
public sealed record ReviewItem(string Kind, string Schema, string Name, string? Table, string SourceDefinition, string Note);

/// <summary>A schema. <c>Owner</c> on this and the other objects is the owning role, null when not read.</summary>
public sealed record SchemaInfo(string Name, string? Comment, string? Owner = null);

/// <summary>An extension.</summary>
public sealed record ExtensionInfo(string Name, string Schema, string Version);

/// <summary>An enum type.</summary>
public sealed record EnumTypeInfo(string Schema, string Name, IReadOnlyList<string> Labels, string? Comment, string? Owner = null);

/// <summary>A domain; checks are (name, pg_get_constraintdef) pairs.</summary>
public sealed record DomainInfo(string Schema, string Name, string BaseType, string? Collation, string? Default, bool NotNull,
    IReadOnlyList<(string Name, string Definition)> Checks, string? Comment, string? Owner = null);

/// <summary>
/// A range type: the subtype and, when not the defaults, its operator class, collation, difference
/// function and multirange name (all schema-qualified as the server prints them).
/// </summary>
public sealed record RangeTypeInfo(string Schema, string Name, string Subtype, string? SubtypeOpclass, string? Collation, string? SubtypeDiff,
    string? MultirangeName, string? Comment, string? Owner = null);

/// <summary>A composite type.</summary>
public sealed record CompositeTypeInfo(string Schema, string Name, IReadOnlyList<(string Name, string Type)> Attributes, string? Comment, string? Owner = null);

/// <summary>A sequence; <see cref="LastValue"/> is null when nextval was never called.</summary>
public sealed record SequenceInfo(string Schema, string Name, string DataType, long Start, long Increment, long Min, long Max,
    long Cache, bool Cycle, long? LastValue, OwnerColumn? OwnedBy, bool IsIdentity, string? Comment, string? Owner = null);

/// <summary>The column a sequence belongs to (serial or identity).</summary>
public sealed record OwnerColumn(string Schema, string Table, string Column);

/// <summary>A table, partitioned table or partition.</summary>
public sealed class TableInfo
{
    /// <summary>Creates a table.</summary>
    public TableInfo(uint oid, string schema, string name) => (Oid, Schema, Name) = (oid, schema, name);

    /// <summary>The source's oid (for reading, not exported).</summary>
    public uint Oid { get; }

    /// <summary>Schema.</summary>
    public string Schema { get; }

    /// <summary>Name.</summary>
    public string Name { get; }

    /// <summary>UNLOGGED.</summary>
    public bool Unlogged { get; set; }

    /// <summary>PARTITION BY clause body (pg_get_partkeydef) of a partitioned table.</summary>
    public string? PartitionKey { get; set; }

    /// <summary>The parent of a partition.</summary>
    public (string Schema, string Name)? PartitionOf { get; set; }

    /// <summary>The partition bound (FOR VALUES ... / DEFAULT).</summary>
    public string? PartitionBound { get; set; }

    /// <summary>Columns, in order (a partition's are its parent's).</summary>
    public List<ColumnInfo> Columns { get; } = new();

    /// <summary>Constraints written inside CREATE TABLE: the primary key and validated checks.</summary>
    public List<ConstraintInfo> InlineConstraints { get; } = new();

    /// <summary>COMMENT ON TABLE.</summary>
    public string? Comment { get; set; }

    /// <summary>The owning role (written only when ownership is exported).</summary>
    public string? Owner { get; set; }

    /// <summary>Bytes on the source with indexes and TOAST (pg_total_relation_size; 0 for a partitioned parent), null when unknown.</summary>
    public long? SizeBytes { get; set; }

    /// <summary>The planner's row estimate (reltuples), null when never analyzed or unknown.</summary>
    public long? RowEstimate { get; set; }

    /// <summary>The quoted, qualified name.</summary>
    public string QualifiedName => Sql.SqlIdentifier.Qualify(Schema, Name);
}

/// <summary>A column. <see cref="Identity"/> is 'a' (ALWAYS), 'd' (BY DEFAULT) or null; <see cref="Generated"/> holds the expression of a stored generated column.</summary>
public sealed record ColumnInfo(string Name, string Type, bool NotNull, string? Default, char? Identity, string? Generated,
    string? Collation, string? Comment);

/// <summary>A constraint: kind p, u, f, c or x, and its pg_get_constraintdef.</summary>
public sealed record ConstraintInfo(string Schema, string Table, string Name, char Kind, string Definition, string? Comment = null);

/// <summary>An object created after the tables because it depends on a relation: a view, or a function on a row type.</summary>
public interface IRelationDependent
{
}

/// <summary>A view or materialized view.</summary>
public sealed record ViewInfo(string Schema, string Name, bool Materialized, string Definition, string? Options, string? Comment, string? Owner = null)
    : IRelationDependent;

/// <summary>What kind of routine a <see cref="FunctionInfo"/> is; it names the object in ALTER and COMMENT ON.</summary>
public enum RoutineKind
{
    /// <summary>A function (window functions included).</summary>
    Function,

    /// <summary>A procedure.</summary>
    Procedure,

    /// <summary>An aggregate; its definition is a CREATE AGGREGATE built from pg_aggregate.</summary>
    Aggregate,
}

/// <summary>A function, procedure or aggregate with its definition (pg_get_functiondef, or CREATE AGGREGATE).</summary>
public sealed record FunctionInfo(string Schema, string Name, string IdentityArguments, RoutineKind Kind, string Definition,
    bool UsesRelationRowType, string? Comment, string? Owner = null) : IRelationDependent;

/// <summary>An index and its pg_get_indexdef.</summary>
public sealed record IndexInfo(string Schema, string Table, string Name, string Definition, string? Comment = null);

/// <summary>A trigger and its pg_get_triggerdef.</summary>
public sealed record TriggerInfo(string Schema, string Table, string Name, string Definition, bool Disabled, string? Comment = null);
