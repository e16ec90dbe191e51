using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace YbMigrate.Linter.Syntax;

/// <summary>
/// Reading libpg_query's JSON parse tree. A node is wrapped as <c>{"Kind": {fields}}</c> where a
/// field holds any node; fields of a fixed struct type (e.g. <c>ColumnDef.typeName</c>,
/// <c>CreateStmt.relation</c>) hold the struct's fields directly. Zero values are omitted.
/// </summary>
public static class PgJson
{
    /// <summary>Unwraps <c>{"Kind": {...}}</c>; false when <paramref name="element"/> is not a node wrapper.</summary>
    public static bool TryUnwrap(JsonElement element, out string kind, out JsonElement node)
    {
        kind = string.Empty;
        node = default;
        if (element.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        using var properties = element.EnumerateObject();
        if (!properties.MoveNext())
        {
            return false;
        }

        var first = properties.Current;
        if (first.Value.ValueKind != JsonValueKind.Object || properties.MoveNext())
        {
            return false;
        }

        // Node names start with a capital letter; field names never do. Name allocates: read it once.
        var name = first.Name;
        if (name.Length == 0 || !char.IsUpper(name[0]))
        {
            return false;
        }

        kind = name;
        node = first.Value;
        return true;
    }

    /// <summary>The node inside a wrapper when it is of <paramref name="kind"/>.</summary>
    public static bool Is(this JsonElement wrapper, string kind, out JsonElement node)
    {
        node = default;
        return wrapper.ValueKind == JsonValueKind.Object && wrapper.TryGetProperty(kind, out node);
    }

    /// <summary>A string field, or null.</summary>
    public static string? Str(this JsonElement node, string field) =>
        node.ValueKind == JsonValueKind.Object && node.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>An integer field, or <paramref name="missing"/>.</summary>
    public static int Int(this JsonElement node, string field, int missing = 0) =>
        node.ValueKind == JsonValueKind.Object && node.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetInt32()
            : missing;

    /// <summary>A boolean field (absent means false).</summary>
    public static bool Bool(this JsonElement node, string field) =>
        node.ValueKind == JsonValueKind.Object && node.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.True;

    /// <summary>An object field, or an undefined element.</summary>
    public static JsonElement Field(this JsonElement node, string field) =>
        node.ValueKind == JsonValueKind.Object && node.TryGetProperty(field, out var value) ? value : default;

    /// <summary>True when the field is present.</summary>
    public static bool Has(this JsonElement node, string field) =>
        node.ValueKind == JsonValueKind.Object && node.TryGetProperty(field, out _);

    /// <summary>The items of a list field (empty when absent).</summary>
    public static IEnumerable<JsonElement> Items(this JsonElement node, string field) =>
        node.ValueKind == JsonValueKind.Object && node.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray()
            : Enumerable.Empty<JsonElement>();

    /// <summary>The byte location of a node, or -1 when it has none.</summary>
    public static int Location(this JsonElement node) => node.Int("location", -1);

    /// <summary>The text of a <c>{"String":{"sval":..}}</c> wrapper, or null.</summary>
    public static string? StringValue(JsonElement wrapper) =>
        wrapper.Is("String", out var s) ? s.Str("sval") ?? string.Empty : null;

    /// <summary>The texts of a list of String nodes, e.g. a qualified name.</summary>
    public static IReadOnlyList<string> Names(this JsonElement node, string field)
    {
        if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(field, out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return Array.Empty<string>();
        }

        var names = new List<string>(list.GetArrayLength());
        foreach (var item in list.EnumerateArray())
        {
            if (StringValue(item) is { } name)
            {
                names.Add(name);
            }
        }

        return names;
    }

    /// <summary>The <c>DefElem</c> nodes of a list field (options, WITH clauses).</summary>
    public static IEnumerable<JsonElement> DefElems(this JsonElement node, string field)
    {
        foreach (var item in node.Items(field))
        {
            if (item.Is("DefElem", out var def))
            {
                yield return def;
            }
        }
    }

    /// <summary>The text of a DefElem's argument (String, Integer, Boolean, Float or TypeName).</summary>
    public static string? DefElemText(JsonElement defElem)
    {
        var arg = defElem.Field("arg");
        if (arg.Is("String", out var s))
        {
            return s.Str("sval");
        }

        if (arg.Is("Integer", out var i))
        {
            return i.Int("ival").ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (arg.Is("Boolean", out var b))
        {
            return b.Bool("boolval") ? "true" : "false";
        }

        if (arg.Is("Float", out var f))
        {
            return f.Str("fval");
        }

        if (arg.Is("TypeName", out var t))
        {
            return TypeRef.From(t).Name;
        }

        return arg.Is("List", out var list) ? string.Join(",", list.Names("items")) : null;
    }
}
