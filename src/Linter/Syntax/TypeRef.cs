using System;
using System.Collections.Generic;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Syntax;

/// <summary>
/// A column type as written, normalized: the parser's internal names become the usual ones
/// (pg_catalog.int4 -> integer, timestamptz stays timestamptz), the schema is kept apart and
/// array-ness is a flag.
/// </summary>
public sealed class TypeRef
{
    private static readonly Dictionary<string, string> InternalNames = new(StringComparer.Ordinal)
    {
        ["int2"] = "smallint",
        ["int4"] = "integer",
        ["int"] = "integer",
        ["int8"] = "bigint",
        ["float4"] = "real",
        ["float8"] = "double precision",
        ["bool"] = "boolean",
        ["bpchar"] = "char",
        ["varbit"] = "varbit",
        ["timestamptz"] = "timestamptz",
        ["timetz"] = "timetz",
        ["decimal"] = "numeric",
    };

    private static readonly TypeRef?[] Recent = new TypeRef?[256];

    private static readonly string[] TemporalNames = { "timestamp", "timestamptz", "date", "time", "timetz" };

    private TypeRef(string? schema, string name, bool isArray)
    {
        Schema = schema;
        Name = name;
        IsArray = isArray;
    }

    /// <summary>The schema when written (pg_catalog for built-ins the parser qualifies), else null.</summary>
    public string? Schema { get; }

    /// <summary>The normalized type name, lower case for built-ins.</summary>
    public string Name { get; }

    /// <summary>True for <c>type[]</c> / <c>type ARRAY</c>.</summary>
    public bool IsArray { get; }

    /// <summary>True for a type the parser qualified with pg_catalog or a well-known built-in name.</summary>
    public bool IsBuiltIn => Schema == "pg_catalog";

    /// <summary>Reads a <c>TypeName</c> struct.</summary>
    public static TypeRef From(ParseElement typeName)
    {
        // The last two names, read in place: every column of every table comes through here.
        string? schema = null, name = null;
        if (typeName.ValueKind == ElementKind.Object)
        {
            foreach (var item in typeName.Items("names"))
            {
                if (PgJson.StringValue(item) is { } part)
                {
                    (schema, name) = (name, part);
                }
            }
        }

        var last = name ?? string.Empty;
        if (InternalNames.TryGetValue(last, out var usual) && (schema is null || schema == "pg_catalog"))
        {
            last = usual;
        }

        return Shared(schema, last, typeName.Has("arrayBounds"));
    }

    // Types repeat from column to column: the last reference made for each hash slot is handed out
    // again (it is immutable), so that reading a column's type seldom allocates. Thread-safe: a slot
    // is read once and compared before use.
    private static TypeRef Shared(string? schema, string name, bool isArray)
    {
        var slot = (int)((uint)((name.GetHashCode() * 31) + (schema?.GetHashCode() ?? 0) + (isArray ? 1 : 0)) % (uint)Recent.Length);
        var recent = System.Threading.Volatile.Read(ref Recent[slot]);
        if (recent is not null && recent.IsArray == isArray && recent.Name == name && recent.Schema == schema)
        {
            return recent;
        }

        var made = new TypeRef(schema, name, isArray);
        System.Threading.Volatile.Write(ref Recent[slot], made);
        return made;
    }

    /// <summary>Creates a reference by name (for tests and the catalog).</summary>
    public static TypeRef Named(string name, bool isArray = false) => new(null, name, isArray);

    /// <summary>The type as written in SQL, e.g. <c>jsonb</c> or <c>integer[]</c>.</summary>
    public override string ToString() => (Schema is null || Schema == "pg_catalog" ? string.Empty : Schema + ".") + Name + (IsArray ? "[]" : string.Empty);

    /// <summary>True when the name (ignoring schema and array-ness) is one of <paramref name="names"/>.</summary>
    public bool IsOneOf(ICollection<string> names) => names.Contains(Name);

    /// <summary>True for the date and time types.</summary>
    public bool IsTemporal => Array.IndexOf(TemporalNames, Name) >= 0;
}
