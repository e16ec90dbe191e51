using System;
using System.Text;
using System.Threading;

namespace YbMigrate.PgQuery;

/// <summary>
/// The field and node names of libpg_query's parse trees, each read once and numbered: a tree
/// stores a name as its number, so reading a tree allocates no name, and a linter can index
/// its callbacks by node kind. The set is bounded (PostgreSQL's node and field names), so the
/// table only grows while the first trees are read. Thread-safe: readers take no lock.
/// </summary>
public static class ParseNames
{
    private static readonly object Gate = new();
    private static volatile Table _table = Table.Empty;

    /// <summary>
    /// The size of a table of successors for <see cref="GuessNext"/>: for each name (by id + 1; slot 0
    /// for the start of a tree), the id + 1 of the name that came next last time, 0 when none. Each
    /// reading thread keeps its own, so that threads do not write to the same memory.
    /// </summary>
    internal const int FollowingSize = 16384;

    /// <summary>How many names are numbered so far (every id is below this).</summary>
    public static int Count => _table.Names.Length;

    /// <summary>The number of <paramref name="name"/>, numbering it if it was never seen.</summary>
    public static int Id(string name)
    {
        var bytes = Encoding.UTF8.GetBytes(name);
        return Id(bytes, 0, bytes.Length);
    }

    /// <summary>The name numbered <paramref name="id"/>.</summary>
    public static string Name(int id) => _table.Names[id];

    /// <summary>Every name so far, by id, for a reader that looks up many.</summary>
    internal static string[] All => _table.Names;

    /// <summary>The seed of the names' hash (FNV-1a), for a reader that hashes a name while it finds its end.</summary>
    internal const uint HashSeed = 2166136261u;

    /// <summary>One byte into the hash.</summary>
    internal static uint HashStep(uint hash, byte b) => (hash ^ b) * 16777619u;

    internal static int Id(byte[] utf8, int start, int length) => Id(utf8, start, length, Hash(utf8, start, length));

    /// <summary>The number of a name whose <see cref="Hash"/> the caller computed.</summary>
    internal static int Id(byte[] utf8, int start, int length, uint hash)
    {
        var found = _table.Find(utf8, start, length, hash);
        return found >= 0 ? found : Add(utf8, start, length);
    }

    /// <summary>
    /// Where <see cref="GuessNext"/> keeps the name that came after <paramref name="previous"/> (the
    /// previous field of the same object; -1 for its first) in an object held by a field named
    /// <paramref name="context"/> (a node's kind for its fields): a node writes its fields in a fixed
    /// order, while the field after a common one ("location") depends on the node.
    /// </summary>
    internal static int FollowingSlot(int context, int previous) =>
        (int)((((uint)(context + 1) * 2654435761u) ^ (uint)(previous + 1)) & (FollowingSize - 1));

    /// <summary>
    /// The id of the name written at <paramref name="start"/> (up to its closing quote at <paramref name="end"/>)
    /// when it is the name that came last time at <paramref name="slot"/> (<see cref="FollowingSlot"/>); -1 otherwise.
    /// </summary>
    internal static int GuessNext(int[] following, int slot, byte[] utf8, int start, int length, out int end)
    {
        end = -1;
        var guess = following[slot] - 1;
        var table = _table;
        if (guess < 0 || guess >= table.Names.Length)
        {
            return -1;
        }

        var known = table.Utf8(guess);
        var after = start + known.Length;
        if (after >= length || utf8[after] != (byte)'"' || !known.AsSpan().SequenceEqual(new ReadOnlySpan<byte>(utf8, start, known.Length)))
        {
            return -1;
        }

        end = after;
        return guess;
    }

    /// <summary>Notes that name <paramref name="id"/> came at <paramref name="slot"/>, for <see cref="GuessNext"/>.</summary>
    internal static void RememberNext(int[] following, int slot, int id) => following[slot] = id + 1;

    private static int Add(byte[] utf8, int start, int length)
    {
        lock (Gate)
        {
            var table = _table;
            var found = table.Find(utf8, start, length, Hash(utf8, start, length));
            if (found >= 0)
            {
                return found;
            }

            var name = Encoding.UTF8.GetString(utf8, start, length);
            _table = table.With(string.Intern(name), utf8, start, length);
            return table.Names.Length;
        }
    }

    private static uint Hash(byte[] utf8, int start, int length)
    {
        var hash = HashSeed;
        for (var i = start; i < start + length; i++)
        {
            hash = HashStep(hash, utf8[i]);
        }

        return hash;
    }

    // An immutable open-addressing table from UTF-8 bytes to ids: a new one replaces it on each addition.
    private sealed class Table
    {
        public static readonly Table Empty = new(Array.Empty<string>(), Array.Empty<byte[]>(), new int[16]);

        private readonly byte[][] _utf8;
        private readonly int[] _slots; // id + 1, 0 for an empty slot

        private Table(string[] names, byte[][] utf8, int[] slots)
        {
            Names = names;
            _utf8 = utf8;
            _slots = slots;
        }

        public string[] Names { get; }

        public byte[] Utf8(int id) => _utf8[id];

        public int Find(byte[] utf8, int start, int length, uint hash)
        {
            var mask = _slots.Length - 1;
            for (var slot = (int)(hash & mask); _slots[slot] != 0; slot = (slot + 1) & mask)
            {
                var id = _slots[slot] - 1;
                if (SameBytes(_utf8[id], utf8, start, length))
                {
                    return id;
                }
            }

            return -1;
        }

        public Table With(string name, byte[] utf8, int start, int length)
        {
            var names = new string[Names.Length + 1];
            Array.Copy(Names, names, Names.Length);
            names[Names.Length] = name;
            var bytes = new byte[length];
            Array.Copy(utf8, start, bytes, 0, length);
            var allBytes = new byte[names.Length][];
            Array.Copy(_utf8, allBytes, _utf8.Length);
            allBytes[Names.Length] = bytes;

            // Keep the table at most half full.
            var size = _slots.Length;
            while (size < names.Length * 2)
            {
                size *= 2;
            }

            var slots = new int[size];
            for (var id = 0; id < names.Length; id++)
            {
                var slot = (int)(Hash(allBytes[id], 0, allBytes[id].Length) & (size - 1));
                while (slots[slot] != 0)
                {
                    slot = (slot + 1) & (size - 1);
                }

                slots[slot] = id + 1;
            }

            return new Table(names, allBytes, slots);
        }

        private static bool SameBytes(byte[] known, byte[] utf8, int start, int length) =>
            known.AsSpan().SequenceEqual(new ReadOnlySpan<byte>(utf8, start, length));
    }
}

/// <summary>
/// Short ASCII string values read from parse trees, kept in a small direct-mapped cache: the
/// same enum values, type names and keywords come back in every statement and are then not
/// allocated again. A slot holds the last string that hashed to it; thread-safe without locks
/// because a slot is read once and compared before it is used.
/// </summary>
internal static class ParseStrings
{
    private const int MaxCachedLength = 40;
    private static readonly string?[] Cache = new string?[4096];

    public static string Read(byte[] utf8, int start, int length)
    {
        if (length > MaxCachedLength)
        {
            return Encoding.UTF8.GetString(utf8, start, length);
        }

        var hash = 2166136261u;
        for (var i = start; i < start + length; i++)
        {
            var b = utf8[i];
            if (b >= 0x80)
            {
                return Encoding.UTF8.GetString(utf8, start, length);
            }

            hash = (hash ^ b) * 16777619u;
        }

        var slot = (int)(hash & (uint)(Cache.Length - 1));
        var cached = Volatile.Read(ref Cache[slot]);
        if (cached is not null && EqualsAscii(cached, utf8, start, length))
        {
            return cached;
        }

        var value = Encoding.ASCII.GetString(utf8, start, length);
        Volatile.Write(ref Cache[slot], value);
        return value;
    }

    public static bool EqualsAscii(string text, byte[] utf8, int start, int length)
    {
        if (text.Length != length)
        {
            return false;
        }

        for (var i = 0; i < length; i++)
        {
            if (text[i] != utf8[start + i])
            {
                return false;
            }
        }

        return true;
    }
}
