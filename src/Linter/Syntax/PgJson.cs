using System;
using System.Collections.Generic;
using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Syntax;

/// <summary>
/// Reading libpg_query's parse tree (the shape of its JSON output). A node is wrapped as <c>{"Kind": {fields}}</c> where a
/// field holds any node; fields of a fixed struct type (e.g. <c>ColumnDef.typeName</c>,
/// <c>CreateStmt.relation</c>) hold the struct's fields directly. Zero values are omitted.
/// </summary>
public static class PgJson
{
    /// <summary>The node inside a wrapper when it is of <paramref name="kind"/>.</summary>
    public static bool Is(this ParseElement wrapper, string kind, out ParseElement node)
    {
        if (wrapper.TryUnwrap(out var actual, out node) && string.Equals(actual, kind, StringComparison.Ordinal))
        {
            return true;
        }

        node = default;
        return false;
    }

    /// <summary>A string field, or null.</summary>
    public static string? Str(this ParseElement node, string field) =>
        node.ValueKind == ElementKind.Object && node.TryGetProperty(field, out var value) && value.ValueKind == ElementKind.String
            ? value.GetString()
            : null;

    /// <summary>An integer field, or <paramref name="missing"/>.</summary>
    public static int Int(this ParseElement node, string field, int missing = 0) =>
        node.ValueKind == ElementKind.Object && node.TryGetProperty(field, out var value) && value.ValueKind == ElementKind.Number
            ? value.GetInt32()
            : missing;

    /// <summary>A boolean field (absent means false).</summary>
    public static bool Bool(this ParseElement node, string field) =>
        node.ValueKind == ElementKind.Object && node.TryGetProperty(field, out var value) && value.ValueKind == ElementKind.True;

    /// <summary>An object field, or an undefined element.</summary>
    public static ParseElement Field(this ParseElement node, string field) =>
        node.ValueKind == ElementKind.Object && node.TryGetProperty(field, out var value) ? value : default;

    /// <summary>True when the field is present.</summary>
    public static bool Has(this ParseElement node, string field) =>
        node.ValueKind == ElementKind.Object && node.TryGetProperty(field, out _);

    /// <summary>The items of a list field (empty when absent); foreach over them allocates nothing.</summary>
    public static ParseElement.ArrayEnumerator Items(this ParseElement node, string field) =>
        node.TryGetProperty(field, out var value) ? value.EnumerateArray() : default(ParseElement).EnumerateArray();

    /// <summary>The first item of a list field, or an undefined element when the list is absent or empty.</summary>
    public static ParseElement FirstItem(this ParseElement node, string field)
    {
        foreach (var item in node.Items(field))
        {
            return item;
        }

        return default;
    }

    /// <summary>The byte location of a node, or -1 when it has none.</summary>
    public static int Location(this ParseElement node) => node.Int("location", -1);

    /// <summary>The text of a <c>{"String":{"sval":..}}</c> wrapper, or null.</summary>
    public static string? StringValue(ParseElement wrapper) =>
        wrapper.Is("String", out var s) ? s.Str("sval") ?? string.Empty : null;

    /// <summary>The texts of a list of String nodes, e.g. a qualified name.</summary>
    public static IReadOnlyList<string> Names(this ParseElement node, string field)
    {
        if (node.ValueKind != ElementKind.Object || !node.TryGetProperty(field, out var list) || list.ValueKind != ElementKind.Array)
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

    /// <summary>The <c>DefElem</c> nodes of a list field (options, WITH clauses); foreach over them allocates nothing.</summary>
    public static DefElemEnumerator DefElems(this ParseElement node, string field) => new(node.Items(field));

    /// <summary>The first <c>DefElem</c> of a list field named <paramref name="name"/>, or an undefined element.</summary>
    public static ParseElement DefElem(this ParseElement node, string field, string name)
    {
        foreach (var def in node.DefElems(field))
        {
            if (def.Str("defname") == name)
            {
                return def;
            }
        }

        return default;
    }

    /// <summary>The text of a DefElem's argument (String, Integer, Boolean, Float or TypeName).</summary>
    public static string? DefElemText(ParseElement defElem)
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

/// <summary>The <c>DefElem</c> nodes of a list, as <see cref="PgJson.DefElems"/> reads them.</summary>
public struct DefElemEnumerator : IEnumerable<ParseElement>, IEnumerator<ParseElement>
{
    private ParseElement.ArrayEnumerator _items;

    internal DefElemEnumerator(ParseElement.ArrayEnumerator items)
    {
        _items = items;
        Current = default;
    }

    /// <inheritdoc />
    public ParseElement Current { get; private set; }

    object System.Collections.IEnumerator.Current => Current;

    /// <summary>Returns this enumerator, from the start.</summary>
    public DefElemEnumerator GetEnumerator() => new(_items.GetEnumerator());

    IEnumerator<ParseElement> IEnumerable<ParseElement>.GetEnumerator() => GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public bool MoveNext()
    {
        while (_items.MoveNext())
        {
            if (_items.Current.Is("DefElem", out var def))
            {
                Current = def;
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc />
    public void Reset()
    {
        _items.Reset();
        Current = default;
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
