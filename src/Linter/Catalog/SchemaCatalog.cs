using System;
using System.Collections.Generic;
using System.Linq;
using YbMigrate.Linter.Syntax;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Catalog;

/// <summary>What kind of user-defined type a name stands for.</summary>
public enum UserTypeKind
{
    /// <summary>CREATE TYPE .. AS ENUM.</summary>
    Enum,

    /// <summary>CREATE TYPE .. AS (..).</summary>
    Composite,

    /// <summary>CREATE DOMAIN.</summary>
    Domain,

    /// <summary>CREATE TYPE .. AS RANGE.</summary>
    Range,

    /// <summary>CREATE TYPE with input/output functions.</summary>
    Base,
}

/// <summary>A user-defined type.</summary>
public sealed class UserType
{
    internal UserType(string? schema, string name, UserTypeKind kind, TypeRef? domainBase)
    {
        Schema = schema;
        Name = name;
        Kind = kind;
        DomainBase = domainBase;
    }

    /// <summary>Schema when qualified.</summary>
    public string? Schema { get; }

    /// <summary>Type name.</summary>
    public string Name { get; }

    /// <summary>The kind of type.</summary>
    public UserTypeKind Kind { get; }

    /// <summary>For domains: the underlying type.</summary>
    public TypeRef? DomainBase { get; }
}

/// <summary>A column of a table.</summary>
public sealed class ColumnInfo
{
    internal ColumnInfo(string name, TypeRef type)
    {
        Name = name;
        Type = type;
    }

    /// <summary>Column name.</summary>
    public string Name { get; }

    /// <summary>Declared type.</summary>
    public TypeRef Type { get; }

    /// <summary>
    /// True for serial and identity columns and columns whose default calls nextval (set in CREATE
    /// TABLE or by a later ALTER TABLE): their values keep growing.
    /// </summary>
    public bool IsSequenceGenerated { get; internal set; }
}

/// <summary>An index, or the index behind a primary key or unique constraint.</summary>
public sealed class IndexInfo
{
    internal IndexInfo(string? name, IReadOnlyList<string?> columns, string method, bool unique, bool isConstraint, Declaration declared)
    {
        Name = name;
        Columns = columns;
        Method = method;
        Unique = unique;
        IsConstraint = isConstraint;
        Declared = declared;
    }

    /// <summary>Index name, when given.</summary>
    public string? Name { get; }

    /// <summary>Key columns in order; null for an expression.</summary>
    public IReadOnlyList<string?> Columns { get; }

    /// <summary>Access method (btree when not given).</summary>
    public string Method { get; }

    /// <summary>True for unique indexes and constraints.</summary>
    public bool Unique { get; }

    /// <summary>True for PRIMARY KEY / UNIQUE constraints.</summary>
    public bool IsConstraint { get; }

    /// <summary>True for the PRIMARY KEY constraint.</summary>
    public bool IsPrimaryKey { get; internal set; }

    /// <summary>True for a partial index (CREATE INDEX .. WHERE).</summary>
    public bool IsPartial { get; internal set; }

    /// <summary>True when the first key column is ASC or DESC, which makes the index range sharded on YugabyteDB.</summary>
    public bool IsRangeSharded { get; internal set; }

    /// <summary>True when the index has INCLUDE columns.</summary>
    public bool HasIncludedColumns { get; internal set; }

    /// <summary>Script-wide ordinal of the statement that created it.</summary>
    public int Ordinal => Declared.Statement.Ordinal;

    /// <summary>The file of that statement.</summary>
    public string SourcePath => Declared.Statement.Source.Path;

    /// <summary>Where it was declared.</summary>
    public TextSpan Span => Declared.Statement.Span;

    /// <summary>The statement that declared it and where in it, for the whole-schema checks that report on it.</summary>
    internal Declaration Declared { get; }

    /// <summary>The key columns that are columns, expressions left out.</summary>
    internal List<string> NamedColumns()
    {
        var names = new List<string>(Columns.Count);
        for (var i = 0; i < Columns.Count; i++) // by index: a foreach over the interface allocates an enumerator
        {
            if (Columns[i] is { } column)
            {
                names.Add(column);
            }
        }

        return names;
    }
}

/// <summary>A foreign key.</summary>
public sealed class ForeignKeyInfo
{
    internal ForeignKeyInfo(string? name, IReadOnlyList<string> columns, QualifiedName referencedTable, int referencedTableLocation, IReadOnlyList<string> referencedColumns, Declaration declared)
    {
        ReferencedTableLocation = referencedTableLocation;
        Name = name;
        Columns = columns;
        ReferencedTable = referencedTable;
        ReferencedColumns = referencedColumns;
        Declared = declared;
    }

    /// <summary>Constraint name, when given.</summary>
    public string? Name { get; }

    /// <summary>Referencing columns.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Referenced table.</summary>
    public QualifiedName ReferencedTable { get; }

    /// <summary>Referenced columns (empty: the referenced primary key).</summary>
    public IReadOnlyList<string> ReferencedColumns { get; }

    /// <summary>Parse location of the referenced table's name in the declaring statement.</summary>
    internal int ReferencedTableLocation { get; }

    /// <summary>The statement that declared it and where in it, for the whole-schema checks that report on it.</summary>
    internal Declaration Declared { get; }
}

/// <summary>A possibly schema-qualified name.</summary>
public readonly struct QualifiedName
{
    /// <summary>Creates a name.</summary>
    public QualifiedName(string? schema, string name)
    {
        Schema = schema;
        Name = name;
    }

    /// <summary>Schema, or null when unqualified.</summary>
    public string? Schema { get; }

    /// <summary>Object name.</summary>
    public string Name { get; }

    /// <summary>Reads a RangeVar struct (schemaname, relname).</summary>
    public static QualifiedName FromRangeVar(ParseElement rangeVar) =>
        new(rangeVar.Str("schemaname"), rangeVar.Str("relname") ?? string.Empty);

    /// <inheritdoc />
    public override string ToString() => Schema is null ? Name : Schema + "." + Name;
}

/// <summary>A table (or partitioned table) with what the rules need to know about it.</summary>
public sealed class TableInfo
{
    private readonly List<ColumnInfo> _columns = new();

    internal TableInfo(QualifiedName name) => Name = name;

    /// <summary>The table's name.</summary>
    public QualifiedName Name { get; }

    /// <summary>Columns in declaration order.</summary>
    public IReadOnlyList<ColumnInfo> Columns => _columns;

    /// <summary>True for PARTITION BY tables.</summary>
    public bool IsPartitioned { get; internal set; }

    /// <summary>The partition key's columns; null when not partitioned or when the key has an expression.</summary>
    public IReadOnlyList<string>? PartitionKeyColumns { get; internal set; }

    /// <summary>The parent when this is a partition.</summary>
    public QualifiedName? PartitionOf { get; internal set; }

    /// <summary>The primary key columns, or null when none was declared.</summary>
    public IReadOnlyList<string>? PrimaryKey { get; internal set; }

    /// <summary>Indexes, primary key and unique constraints included.</summary>
    public List<IndexInfo> Indexes { get; } = new();

    /// <summary>Foreign keys of this table.</summary>
    public List<ForeignKeyInfo> ForeignKeys { get; } = new();

    /// <summary>Ordinals of the statements that load data into the table (INSERT, COPY).</summary>
    public List<int> DataLoadOrdinals { get; } = new();

    /// <summary>The column named <paramref name="name"/>, or null.</summary>
    public ColumnInfo? Column(string name)
    {
        foreach (var column in _columns)
        {
            if (column.Name == name)
            {
                return column;
            }
        }

        return null;
    }

    internal void AddColumn(ColumnInfo column)
    {
        if (Column(column.Name) is null)
        {
            _columns.Add(column);
        }
    }
}

/// <summary>
/// The schema declared by all the linted sources together, so a rule can resolve a column's type
/// or a table's partitioning declared in another statement or file.
/// </summary>
public sealed class SchemaCatalog
{
    private readonly Dictionary<string, List<TableInfo>> _tables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<UserType>> _types = new(StringComparer.Ordinal);

    /// <summary>All tables.</summary>
    public IEnumerable<TableInfo> Tables => _tables.Values.SelectMany(t => t);

    /// <summary>Finds a table; an unqualified name matches in any schema, preferring public.</summary>
    public TableInfo? FindTable(QualifiedName name) => Find(_tables, name.Schema, name.Name, t => t.Name.Schema);

    /// <summary>Finds a user-defined type by (possibly qualified) name.</summary>
    public UserType? FindType(TypeRef type) => type.IsBuiltIn ? null : Find(_types, type.Schema, type.Name, t => t.Schema);

    /// <summary>The type a domain stands for (domains over domains followed); other types unchanged.</summary>
    public TypeRef ResolveDomains(TypeRef type)
    {
        for (var depth = 0; depth < 8 && FindType(type) is { Kind: UserTypeKind.Domain, DomainBase: { } underlying }; depth++)
        {
            type = underlying;
        }

        return type;
    }

    /// <summary>
    /// <see cref="Declarations"/> cut where the declaring statement changes: what the catalog actions
    /// walk, one statement's entries at a time, in declaration order.
    /// </summary>
    internal List<DeclaredEntries> DeclarationsByStatement()
    {
        var all = Declarations(out var count);
        var statements = new List<DeclaredEntries>();
        for (int start = 0, end; start < count; start = end)
        {
            var statement = all[start].Declared.Statement;
            for (end = start + 1; end < count && all[end].Declared.Statement == statement; end++)
            {
            }

            statements.Add(new DeclaredEntries(all, start, end));
        }

        return statements;
    }

    /// <summary>
    /// Every index, key constraint and foreign key of the catalog (one of the two set), in the order
    /// the sources declared them (so a statement's entries are consecutive): the walk of a whole-schema check that reports on each.
    /// They are the first <paramref name="count"/> of the array.
    /// </summary>
    internal DeclaredEntry[] Declarations(out int count)
    {
        // Each entry's sequence number is its place in declaration order: placed there, not sorted (sorting the
        // entries of a 100k-statement script took 10-25 ms on one core, with the other idle, at the end of the lint).
        var tables = _tables.Values.SelectMany(t => t).ToList();
        var places = 0;
        foreach (var table in tables)
        {
            foreach (var index in table.Indexes)
            {
                places = Math.Max(places, index.Declared.Sequence + 1);
            }

            foreach (var key in table.ForeignKeys)
            {
                places = Math.Max(places, key.Declared.Sequence + 1);
            }
        }

        var placed = new DeclaredEntry[places];
        foreach (var table in tables)
        {
            foreach (var index in table.Indexes)
            {
                placed[index.Declared.Sequence] = new DeclaredEntry(index.Declared, index, null);
            }

            foreach (var key in table.ForeignKeys)
            {
                placed[key.Declared.Sequence] = new DeclaredEntry(key.Declared, null, key);
            }
        }

        count = 0;
        foreach (var entry in placed)
        {
            if (entry.Index is not null || entry.ForeignKey is not null)
            {
                placed[count++] = entry; // closes up a place left empty (none is: the builder adds every entry it declares)
            }
        }

        return placed;
    }

    /// <summary>The type of a column, or null when the table or column is not declared in the sources.</summary>
    public TypeRef? ColumnType(QualifiedName table, string column) => FindTable(table)?.Column(column)?.Type;

    internal TableInfo GetOrAddTable(QualifiedName name)
    {
        var existing = FindTable(name);
        if (existing is not null && (name.Schema is null || existing.Name.Schema == name.Schema))
        {
            return existing;
        }

        var table = new TableInfo(name);
        Add(_tables, name.Name, table);
        return table;
    }

    internal void AddType(UserType type) => Add(_types, type.Name, type);

    private static void Add<T>(Dictionary<string, List<T>> map, string key, T value)
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = new List<T>();
        }

        list.Add(value);
    }

    private static T? Find<T>(Dictionary<string, List<T>> map, string? schema, string name, Func<T, string?> schemaOf)
        where T : class
    {
        if (!map.TryGetValue(name, out var candidates))
        {
            return null;
        }

        foreach (var candidate in candidates)
        {
            var candidateSchema = schemaOf(candidate);
            if (schema is null ? candidateSchema is null or "public" : (candidateSchema ?? "public") == schema)
            {
                return candidate;
            }
        }

        return schema is null ? candidates[0] : null;
    }
}
