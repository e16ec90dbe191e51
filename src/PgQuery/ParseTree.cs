using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace YbMigrate.PgQuery;

/// <summary>One value of a parse tree, in the flat array where the values are stored in document order.</summary>
internal struct TreeEntry
{
    /// <summary>The number (<see cref="ParseNames"/>) of the field holding the value; -1 for list items and the root.</summary>
    public int NameId;

    /// <summary>The index just past the value and everything inside it.</summary>
    public int End;

    /// <summary>Strings and numbers: where the value's text starts in the JSON. Objects and lists: how many values they hold.</summary>
    public int Start;

    /// <summary>Strings and numbers: the byte length of the value's text (a string's without quotes, escapes as written).</summary>
    public int Length;

    public ElementKind Kind;

    /// <summary>A string written with backslash escapes: decoded when read.</summary>
    public bool Escaped;

    /// <summary>An object <c>{"Kind": {fields}}</c> whose only field is a node: libpg_query's node wrapper.</summary>
    public bool IsWrapper;
}

/// <summary>
/// libpg_query's JSON output read once into a flat array of values, the JSON text kept (in pooled
/// buffers) so that strings and numbers are decoded only when a reader asks for them. Disposing
/// returns the buffers; an element read after that throws <see cref="ObjectDisposedException"/>.
/// </summary>
internal sealed class ParseTree : IDisposable
{
    private TreeEntry[]? _entries;
    private byte[]? _json;
    private string?[]? _strings;

    private ParseTree(TreeEntry[] entries, byte[] json)
    {
        _entries = entries;
        _json = json;
    }

    // Read for every element access: the throw is kept out of line so that these inline (also into the
    // linter's large rule methods, where the JIT's budget would otherwise leave a call).
    public TreeEntry[] Entries
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _entries ?? throw Disposed();
    }

    public byte[] Json
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _json ?? throw Disposed();
    }

    public ParseElement Root => new(this, 0);

    /// <summary>
    /// The string at entry <paramref name="index"/>, decoded on its first read and kept with the tree:
    /// several rules read the same fields of a node (a constraint's type, a command's subtype).
    /// </summary>
    public string String(int index)
    {
        var entries = Entries;
        var strings = _strings ??= BufferPool<string?>.Shared.Rent(entries[0].End);
        var read = strings[index];
        if (read is null)
        {
            read = Decode(entries[index]);
            strings[index] = read;
        }

        return read;
    }

    /// <summary>Reads the NUL-terminated JSON text libpg_query returned.</summary>
    public static ParseTree Read(IntPtr utf8)
    {
        var length = NativeText.Length(utf8);
        var json = BufferPool<byte>.Shared.Rent(length);
        Marshal.Copy(utf8, json, 0, length);
        try
        {
            return new ParseTree(Reader.Read(json, length), json);
        }
        catch
        {
            BufferPool<byte>.Shared.Return(json);
            throw;
        }
    }

    public void Dispose()
    {
        if (_entries is not null)
        {
            if (_strings is not null)
            {
                Array.Clear(_strings, 0, _entries[0].End);
                BufferPool<string?>.Shared.Return(_strings);
                _strings = null;
            }

            BufferPool<TreeEntry>.Shared.Return(_entries);
            BufferPool<byte>.Shared.Return(_json!);
            _entries = null;
            _json = null;
        }
    }

    private static ObjectDisposedException Disposed() => new(nameof(ParseTree));

    private string Decode(TreeEntry entry) =>
        entry.Escaped ? ParseElement.Unescape(_json!, entry.Start, entry.Length) : ParseStrings.Read(_json!, entry.Start, entry.Length);

    /// <summary>
    /// A JSON reader for libpg_query's output, which is compact, valid JSON: it stores each value's
    /// place instead of decoding it, numbers every field name, and marks node wrappers.
    /// </summary>
    private static class Reader
    {
        // This thread's successors of each field name in each kind of object (ParseNames.GuessNext).
        [ThreadStatic]
        private static int[]? _following;

        // This thread's stack of open objects and lists: used only during a read, so kept with the
        // thread rather than taken from the shared pool (whose lock every parse worker contends for).
        [ThreadStatic]
        private static int[]? _open;

        public static TreeEntry[] Read(byte[] json, int length)
        {
            var entries = BufferPool<TreeEntry>.Shared.Rent(Math.Max(length / 6, 16));
            var open = _open ??= new int[64];
            try
            {
                ReadValues(json, length, ref entries, ref open, _following ??= new int[ParseNames.FollowingSize]);
                return entries;
            }
            catch
            {
                BufferPool<TreeEntry>.Shared.Return(entries);
                throw;
            }
            finally
            {
                _open = open; // the thread keeps the stack, grown if a deep tree needed more
            }
        }

        private static void ReadValues(byte[] json, int length, ref TreeEntry[] entries, ref int[] open, int[] following)
        {
            // lastName: the previous field of the innermost open object (-1 before its first).
            int count = 0, depth = 0, position = 0, lastName = -1;
            while (true)
            {
                var name = -1;
                if (depth > 0)
                {
                    ref var container = ref entries[open[depth - 1]];
                    container.Start++;
                    if (container.Kind == ElementKind.Object)
                    {
                        // An object in a list is known by the list's field name.
                        var context = container.NameId >= 0 || depth < 2 ? container.NameId : entries[open[depth - 2]].NameId;
                        name = ReadName(json, length, ref position, ParseNames.FollowingSlot(context, lastName), following);
                    }
                }

                lastName = name;
                if (count == entries.Length)
                {
                    entries = Grow(entries);
                }

                var index = count++;
                entries[index] = new TreeEntry { NameId = name, End = index + 1 };
                position = SkipSpace(json, length, position);
                var opened = ReadValue(json, length, ref position, ref entries[index]);
                if (opened)
                {
                    if (depth == open.Length)
                    {
                        open = Grow(open);
                    }

                    open[depth++] = index;
                    lastName = -1;
                    position = SkipSpace(json, length, position);
                    if (position < length && json[position] != (byte)'}' && json[position] != (byte)']')
                    {
                        continue; // read the first value inside
                    }
                }

                // Close what ends here, then go on with the next value of the enclosing container.
                while (true)
                {
                    position = SkipSpace(json, length, position);
                    if (depth == 0)
                    {
                        if (position != length)
                        {
                            throw Malformed(position);
                        }

                        return;
                    }

                    var next = Expect(json, length, position);
                    position++;
                    if (next == (byte)',')
                    {
                        break;
                    }

                    var closed = open[--depth];
                    var closer = entries[closed].Kind == ElementKind.Object ? (byte)'}' : (byte)']';
                    if (next != closer)
                    {
                        throw Malformed(position - 1);
                    }

                    Close(entries, closed, count);
                    lastName = entries[closed].NameId;
                }
            }
        }

        private static void Close(TreeEntry[] entries, int index, int end)
        {
            ref var entry = ref entries[index];
            entry.End = end;
            if (entry.Kind == ElementKind.Object && entry.Start == 1)
            {
                var only = entries[index + 1];
                var name = ParseNames.Name(only.NameId);
                entry.IsWrapper = only.Kind == ElementKind.Object && name.Length > 0 && char.IsUpper(name[0]);
            }
        }

        // A field name and its colon; returns the name's number. libpg_query writes a node's fields in
        // a fixed order, so the name that came at this slot (this kind of object, this previous field)
        // last time is tried first; else the name is hashed while its end is found (field names are
        // plain ASCII words) and looked up.
        private static int ReadName(byte[] json, int length, ref int position, int slot, int[] following)
        {
            position = SkipSpace(json, length, position);
            if (Expect(json, length, position) != (byte)'"')
            {
                throw Malformed(position);
            }

            var start = position + 1;
            var guessed = ParseNames.GuessNext(following, slot, json, start, length, out var guessEnd);
            if (guessed >= 0)
            {
                position = AfterColon(json, length, guessEnd + 1);
                return guessed;
            }

            var hash = ParseNames.HashSeed;
            var end = start;
            while (end < length && json[end] is not ((byte)'"' or (byte)'\\'))
            {
                hash = ParseNames.HashStep(hash, json[end]);
                end++;
            }

            int id;
            if (Expect(json, length, end) == (byte)'"')
            {
                id = ParseNames.Id(json, start, end - start, hash);
                ParseNames.RememberNext(following, slot, id);
            }
            else
            {
                end = StringEnd(json, length, start, out _);
                id = ParseNames.Id(ParseElement.Unescape(json, start, end - start));
            }

            position = AfterColon(json, length, end + 1);
            return id;
        }

        // Where the value after a field name starts: past the colon that must be at (or after white space from) position.
        private static int AfterColon(byte[] json, int length, int position)
        {
            position = SkipSpace(json, length, position);
            if (Expect(json, length, position) != (byte)':')
            {
                throw Malformed(position);
            }

            return SkipSpace(json, length, position + 1);
        }

        // Reads one value into entry; true when it opens an object or list.
        private static bool ReadValue(byte[] json, int length, ref int position, ref TreeEntry entry)
        {
            var first = Expect(json, length, position);
            switch (first)
            {
                case (byte)'{':
                    entry.Kind = ElementKind.Object;
                    position++;
                    return true;
                case (byte)'[':
                    entry.Kind = ElementKind.Array;
                    position++;
                    return true;
                case (byte)'"':
                    entry.Kind = ElementKind.String;
                    entry.Start = position + 1;
                    var end = StringEnd(json, length, position + 1, out entry.Escaped);
                    entry.Length = end - entry.Start;
                    position = end + 1;
                    return false;
                case (byte)'t':
                    entry.Kind = ElementKind.True;
                    position = Literal(json, length, position, "true");
                    return false;
                case (byte)'f':
                    entry.Kind = ElementKind.False;
                    position = Literal(json, length, position, "false");
                    return false;
                case (byte)'n':
                    entry.Kind = ElementKind.Null;
                    position = Literal(json, length, position, "null");
                    return false;
                default:
                    entry.Kind = ElementKind.Number;
                    entry.Start = position;
                    while (position < length && IsNumberByte(json[position]))
                    {
                        position++;
                    }

                    entry.Length = position - entry.Start;
                    if (entry.Length == 0)
                    {
                        throw Malformed(position);
                    }

                    return false;
            }
        }

        private static int StringEnd(byte[] json, int length, int start, out bool escaped)
        {
            escaped = false;
            var i = start;
            while (i < length)
            {
                var found = json.AsSpan(i, length - i).IndexOfAny((byte)'"', (byte)'\\');
                if (found < 0)
                {
                    break;
                }

                i += found;
                if (json[i] == (byte)'"')
                {
                    return i;
                }

                escaped = true;
                i += 2;
            }

            throw Malformed(length);
        }

        private static int Literal(byte[] json, int length, int position, string literal)
        {
            if (position + literal.Length > length || !ParseStrings.EqualsAscii(literal, json, position, literal.Length))
            {
                throw Malformed(position);
            }

            return position + literal.Length;
        }

        private static bool IsNumberByte(byte b) => (b >= (byte)'0' && b <= (byte)'9') || b == (byte)'-' || b == (byte)'+' || b == (byte)'.' || b == (byte)'e' || b == (byte)'E';

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static int SkipSpace(byte[] json, int length, int position)
        {
            while (position < length && json[position] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
            {
                position++;
            }

            return position;
        }

        private static byte Expect(byte[] json, int length, int position) =>
            position < length ? json[position] : throw Malformed(position);

        private static T[] Grow<T>(T[] array)
        {
            var larger = BufferPool<T>.Shared.Rent(array.Length * 2);
            Array.Copy(array, larger, array.Length);
            BufferPool<T>.Shared.Return(array);
            return larger;
        }

        private static FormatException Malformed(int position) =>
            new($"libpg_query returned malformed JSON (at byte {position}).");
    }
}
