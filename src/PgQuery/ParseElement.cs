using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace YbMigrate.PgQuery;

/// <summary>What a <see cref="ParseElement"/> holds, as in JSON.</summary>
public enum ElementKind : byte
{
    /// <summary>No value: a missing field, or a default element.</summary>
    Undefined,

    /// <summary>An object: a node's fields, or a node wrapper <c>{"Kind": {fields}}</c>.</summary>
    Object,

    /// <summary>A list.</summary>
    Array,

    /// <summary>A string.</summary>
    String,

    /// <summary>A number.</summary>
    Number,

    /// <summary>true.</summary>
    True,

    /// <summary>false.</summary>
    False,

    /// <summary>null.</summary>
    Null,
}

/// <summary>
/// A value of libpg_query's parse tree (the shape of its JSON output): an object, a list, a
/// string, a number or a boolean. Reading a field compares numbered names, and strings and
/// numbers are decoded only when asked for, so walking a tree allocates nothing. Valid until the
/// parse result it came from is disposed; <c>default</c> is an undefined element.
/// </summary>
public readonly struct ParseElement : IEquatable<ParseElement>
{
    private readonly ParseTree? _tree;
    private readonly int _index;

    internal ParseElement(ParseTree tree, int index)
    {
        _tree = tree;
        _index = index;
    }

    /// <summary>What the element holds; <see cref="ElementKind.Undefined"/> for a default element.</summary>
    public ElementKind ValueKind => _tree is null ? ElementKind.Undefined : Entry.Kind;

    /// <summary>The name of the field holding the element, or null for a list item or the root.</summary>
    public string? FieldName => _tree is null || Entry.NameId < 0 ? null : ParseNames.Name(Entry.NameId);

    private TreeEntry Entry => _tree!.Entries[_index];

    /// <summary>The item at <paramref name="index"/> of a list.</summary>
    public ParseElement this[int index]
    {
        get
        {
            var i = 0;
            foreach (var item in EnumerateArray())
            {
                if (i++ == index)
                {
                    return item;
                }
            }

            throw new ArgumentOutOfRangeException(nameof(index));
        }
    }

    /// <summary>Finds a field of an object; false when the element is not an object or has no such field.</summary>
    public bool TryGetProperty(string name, out ParseElement value)
    {
        if (_tree is not null)
        {
            var entries = _tree.Entries;
            var entry = entries[_index];
            if (entry.Kind == ElementKind.Object)
            {
                var names = ParseNames.All;
                for (var child = _index + 1; child < entry.End; child = entries[child].End)
                {
                    // Names are interned, as literals are: most fields differ in length, or are the very string.
                    var known = names[entries[child].NameId];
                    if ((object)known == name || (known.Length == name.Length && string.Equals(known, name, StringComparison.Ordinal)))
                    {
                        value = new ParseElement(_tree, child);
                        return true;
                    }
                }
            }
        }

        value = default;
        return false;
    }

    /// <summary>A field of an object.</summary>
    /// <exception cref="KeyNotFoundException">The element is not an object with that field.</exception>
    public ParseElement GetProperty(string name) =>
        TryGetProperty(name, out var value) ? value : throw new KeyNotFoundException($"No field \"{name}\" in this {ValueKind}.");

    /// <summary>How many items a list holds (0 for anything else).</summary>
    public int GetArrayLength() => ValueKind == ElementKind.Array ? Entry.Start : 0;

    /// <summary>A string's text.</summary>
    /// <exception cref="InvalidOperationException">The element is not a string.</exception>
    public string GetString() =>
        ValueKind == ElementKind.String ? _tree!.String(_index) : throw new InvalidOperationException($"The element is not a string but {ValueKind}.");

    /// <summary>True when the element is a string equal to <paramref name="text"/> (compared without decoding it).</summary>
    public bool ValueEquals(string text)
    {
        if (ValueKind != ElementKind.String)
        {
            return false;
        }

        var entry = Entry;
        if (entry.Escaped || !IsAscii(_tree!.Json, entry.Start, entry.Length))
        {
            return GetString() == text;
        }

        return ParseStrings.EqualsAscii(text, _tree.Json, entry.Start, entry.Length);
    }

    /// <summary>Reads an integer; false when the element is not a number or does not fit.</summary>
    public bool TryGetInt64(out long value)
    {
        value = 0;
        if (ValueKind != ElementKind.Number)
        {
            return false;
        }

        var entry = Entry;
        var json = _tree!.Json;
        var negative = json[entry.Start] == (byte)'-';
        var digits = negative ? 1 : 0;
        if (digits == entry.Length)
        {
            return false;
        }

        for (var i = entry.Start + digits; i < entry.Start + entry.Length; i++)
        {
            var digit = json[i] - (byte)'0';
            if (digit < 0 || digit > 9 || value > (long.MaxValue - digit) / 10)
            {
                value = 0;
                return false;
            }

            value = (value * 10) + digit;
        }

        value = negative ? -value : value;
        return true;
    }

    /// <summary>Reads a 32-bit integer.</summary>
    /// <exception cref="InvalidOperationException">The element is not a number that fits.</exception>
    public int GetInt32() =>
        TryGetInt64(out var value) && value >= int.MinValue && value <= int.MaxValue
            ? (int)value
            : throw new InvalidOperationException($"The element is not a 32-bit integer but {ValueKind}.");

    /// <summary>The items of a list (none for anything else).</summary>
    public ArrayEnumerator EnumerateArray() => new(this, ValueKind == ElementKind.Array);

    /// <summary>The fields of an object (none for anything else).</summary>
    public ObjectEnumerator EnumerateObject() => new(this, ValueKind == ElementKind.Object);

    /// <summary>
    /// Unwraps a node wrapper <c>{"Kind": {fields}}</c> (an object whose only field, named with a
    /// capital letter, is an object); false for anything else.
    /// </summary>
    public bool TryUnwrap(out string kind, out ParseElement node)
    {
        if (_tree is not null && Entry.IsWrapper)
        {
            kind = ParseNames.Name(_tree.Entries[_index + 1].NameId);
            node = new ParseElement(_tree, _index + 1);
            return true;
        }

        kind = string.Empty;
        node = default;
        return false;
    }

    /// <summary>Every node in this element (itself included when it is a wrapper), depth first, in document order.</summary>
    public NodeEnumerator EnumerateNodes() => new(this);

    /// <summary>True when <paramref name="other"/> is inside this element (not the element itself).</summary>
    public bool Contains(ParseElement other) =>
        _tree is not null && ReferenceEquals(_tree, other._tree) && other._index > _index && other._index < Entry.End;

    /// <inheritdoc />
    public bool Equals(ParseElement other) => ReferenceEquals(_tree, other._tree) && _index == other._index;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ParseElement other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _index;

    /// <summary>The element as JSON text, as libpg_query wrote it (for reading a tree while writing rules and tests).</summary>
    public override string ToString()
    {
        if (_tree is null)
        {
            return string.Empty;
        }

        var text = new StringBuilder();
        WriteJson(text, _index);
        return text.ToString();
    }

    internal static string Unescape(byte[] json, int start, int length)
    {
        var text = new StringBuilder(length);
        var raw = Encoding.UTF8.GetString(json, start, length);
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c != '\\' || i + 1 == raw.Length)
            {
                text.Append(c);
                continue;
            }

            var escape = raw[++i];
            switch (escape)
            {
                case 'b': text.Append('\b'); break;
                case 'f': text.Append('\f'); break;
                case 'n': text.Append('\n'); break;
                case 'r': text.Append('\r'); break;
                case 't': text.Append('\t'); break;
                case 'u' when i + 4 < raw.Length:
                    text.Append((char)int.Parse(raw.Substring(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    i += 4;
                    break;
                default: text.Append(escape); break;
            }
        }

        return text.ToString();
    }

    private static bool IsAscii(byte[] json, int start, int length)
    {
        for (var i = start; i < start + length; i++)
        {
            if (json[i] >= 0x80)
            {
                return false;
            }
        }

        return true;
    }

    private void WriteJson(StringBuilder text, int index)
    {
        var entries = _tree!.Entries;
        var entry = entries[index];
        switch (entry.Kind)
        {
            case ElementKind.Object or ElementKind.Array:
                var isObject = entry.Kind == ElementKind.Object;
                text.Append(isObject ? '{' : '[');
                for (var child = index + 1; child < entry.End; child = entries[child].End)
                {
                    text.Append(child == index + 1 ? string.Empty : ",");
                    if (isObject)
                    {
                        text.Append('"').Append(ParseNames.Name(entries[child].NameId)).Append("\":");
                    }

                    WriteJson(text, child);
                }

                text.Append(isObject ? '}' : ']');
                break;
            case ElementKind.String:
                text.Append('"').Append(Encoding.UTF8.GetString(_tree.Json, entry.Start, entry.Length)).Append('"');
                break;
            case ElementKind.Number:
                text.Append(Encoding.UTF8.GetString(_tree.Json, entry.Start, entry.Length));
                break;
            default:
                text.Append(entry.Kind.ToString().ToLowerInvariant());
                break;
        }
    }

    /// <summary>The items of a list; enumerates without allocating when used with foreach.</summary>
    public struct ArrayEnumerator : IEnumerable<ParseElement>, IEnumerator<ParseElement>
    {
        private readonly ParseElement _list;
        private readonly bool _any;
        private int _current;

        internal ArrayEnumerator(ParseElement list, bool any)
        {
            _list = list;
            _any = any;
            _current = -1;
        }

        /// <inheritdoc />
        public ParseElement Current => new(_list._tree!, _current);

        object IEnumerator.Current => Current;

        /// <summary>Returns a fresh enumerator over the same list.</summary>
        public ArrayEnumerator GetEnumerator() => new(_list, _any);

        IEnumerator<ParseElement> IEnumerable<ParseElement>.GetEnumerator() => GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        /// <inheritdoc />
        public bool MoveNext()
        {
            if (!_any)
            {
                return false;
            }

            var entries = _list._tree!.Entries;
            _current = _current < 0 ? _list._index + 1 : entries[_current].End;
            return _current < entries[_list._index].End;
        }

        /// <inheritdoc />
        public void Reset() => _current = -1;

        /// <inheritdoc />
        public void Dispose()
        {
        }
    }

    /// <summary>The fields of an object; enumerates without allocating when used with foreach.</summary>
    public struct ObjectEnumerator : IEnumerable<ParseProperty>, IEnumerator<ParseProperty>
    {
        private ArrayEnumerator _values;

        internal ObjectEnumerator(ParseElement node, bool any) => _values = new ArrayEnumerator(node, any);

        /// <inheritdoc />
        public ParseProperty Current => new(_values.Current);

        object IEnumerator.Current => Current;

        /// <summary>Returns a fresh enumerator over the same object.</summary>
        public ObjectEnumerator GetEnumerator() => this;

        IEnumerator<ParseProperty> IEnumerable<ParseProperty>.GetEnumerator() => GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        /// <inheritdoc />
        public bool MoveNext() => _values.MoveNext();

        /// <inheritdoc />
        public void Reset() => _values.Reset();

        /// <inheritdoc />
        public void Dispose()
        {
        }
    }

    /// <summary>The nodes inside an element, depth first; enumerates without allocating when used with foreach.</summary>
    public struct NodeEnumerator
    {
        private readonly ParseElement _root;
        private int _current;

        internal NodeEnumerator(ParseElement root)
        {
            _root = root;
            _current = root._tree is null ? int.MaxValue : root._index - 1;
        }

        /// <summary>The current node.</summary>
        public ParseNode Current
        {
            get
            {
                var tree = _root._tree!;
                var kindId = tree.Entries[_current + 1].NameId;
                return new ParseNode(ParseNames.Name(kindId), kindId, new ParseElement(tree, _current + 1));
            }
        }

        /// <summary>Returns this enumerator.</summary>
        public NodeEnumerator GetEnumerator() => this;

        /// <summary>Moves to the next node wrapper.</summary>
        public bool MoveNext()
        {
            if (_root._tree is null)
            {
                return false;
            }

            var entries = _root._tree.Entries;
            var end = entries[_root._index].End;
            while (++_current < end)
            {
                if (entries[_current].IsWrapper)
                {
                    return true;
                }
            }

            return false;
        }
    }
}

/// <summary>A field of an object.</summary>
public readonly struct ParseProperty
{
    internal ParseProperty(ParseElement value) => Value = value;

    /// <summary>The field's name.</summary>
    public string Name => Value.FieldName!;

    /// <summary>The field's value.</summary>
    public ParseElement Value { get; }
}

/// <summary>A node found by <see cref="ParseElement.EnumerateNodes"/>.</summary>
public readonly struct ParseNode
{
    internal ParseNode(string kind, int kindId, ParseElement node)
    {
        Kind = kind;
        KindId = kindId;
        Node = node;
    }

    /// <summary>libpg_query's node name, e.g. "SelectStmt".</summary>
    public string Kind { get; }

    /// <summary>The number of <see cref="Kind"/> in <see cref="ParseNames"/>, for indexing by kind.</summary>
    public int KindId { get; }

    /// <summary>The node's fields.</summary>
    public ParseElement Node { get; }
}
