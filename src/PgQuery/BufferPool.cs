using System;
using System.Collections.Generic;

namespace YbMigrate.PgQuery;

/// <summary>
/// Arrays kept for reuse by size (powers of two), for the buffers of parse trees: they are
/// filled on the threads that parse and released on the thread that lints, which the shared
/// <see cref="System.Buffers.ArrayPool{T}"/> (per-thread caches first) serves poorly. Holds at most
/// <see cref="PerSize"/> arrays of each size; thread-safe.
/// </summary>
internal sealed class BufferPool<T>
{
    private const int PerSize = 512;
    private const int SmallestShift = 8;
    private readonly Stack<T[]>[] _free = new Stack<T[]>[24];

    public BufferPool()
    {
        for (var i = 0; i < _free.Length; i++)
        {
            _free[i] = new Stack<T[]>();
        }
    }

    public static BufferPool<T> Shared { get; } = new();

    /// <summary>An array of at least <paramref name="minimumLength"/> items (contents undefined).</summary>
    public T[] Rent(int minimumLength)
    {
        var size = SizeIndex(minimumLength);
        if (size >= _free.Length)
        {
            return new T[minimumLength];
        }

        var free = _free[size];
        lock (free)
        {
            if (free.Count > 0)
            {
                return free.Pop();
            }
        }

        return new T[1 << (size + SmallestShift)];
    }

    /// <summary>Gives back an array from <see cref="Rent"/>.</summary>
    public void Return(T[] array)
    {
        var size = SizeIndex(array.Length);
        if (size >= _free.Length || array.Length != 1 << (size + SmallestShift))
        {
            return;
        }

        var free = _free[size];
        lock (free)
        {
            if (free.Count < PerSize)
            {
                free.Push(array);
            }
        }
    }

    private static int SizeIndex(int length)
    {
        var size = 0;
        while ((1 << (size + SmallestShift)) < length)
        {
            size++;
        }

        return size;
    }
}
