using System;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace YbMigrate.Migration.Data;

/// <summary>
/// XXH128 computed by libxxhash (Debian's libxxhash0, the library xxh128sum uses) when the machine
/// has it; <see cref="FileChecksum"/> falls back to System.IO.Hashing's <see cref="XxHash128"/>
/// otherwise, with the same result. That one's vector code is not in the tool's precompiled image:
/// a process hashes with unoptimised first-tier code until the runtime recompiles it, seconds in,
/// which made the checksum of a 520 MB file cost an import 0.35 s of processor time against 0.04 s
/// here (bench/RESULTS.md).
/// </summary>
internal sealed class LibXxHash128 : NonCryptographicHashAlgorithm, IDisposable
{
    private const string Library = "libxxhash.so.0";
    private static readonly Lazy<bool> Loaded = new(Load);
    private readonly State _state;

    private LibXxHash128(State state) : base(16)
    {
        _state = state;
        Reset();
    }

    /// <summary>Whether libxxhash could be loaded.</summary>
    public static bool IsAvailable => Loaded.Value;

    /// <summary>A new hash, or null when libxxhash is not available.</summary>
    public static LibXxHash128? TryCreate()
    {
        if (!IsAvailable)
        {
            return null;
        }

        var state = XXH3_createState();
        return state.IsInvalid ? throw new OutOfMemoryException("libxxhash could not allocate a hash state") : new LibXxHash128(state);
    }

    /// <inheritdoc />
    public override void Append(ReadOnlySpan<byte> source)
    {
        if (!source.IsEmpty)
        {
            Check(XXH3_128bits_update(_state, in MemoryMarshal.GetReference(source), (nuint)source.Length));
        }
    }

    /// <inheritdoc />
    public override void Reset() => Check(XXH3_128bits_reset(_state));

    /// <inheritdoc />
    public void Dispose() => _state.Dispose();

    // The canonical form, as xxh128sum prints it and XxHash128 writes it: the high half first, big-endian.
    /// <inheritdoc />
    protected override void GetCurrentHashCore(Span<byte> destination)
    {
        var hash = XXH3_128bits_digest(_state);
        BinaryPrimitives.WriteUInt64BigEndian(destination, hash.High);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], hash.Low);
    }

    private static void Check(int errorCode)
    {
        if (errorCode != 0)
        {
            throw new InvalidOperationException("libxxhash reported an error while hashing");
        }
    }

    private static bool Load() => NativeLibrary.TryLoad(Library, typeof(LibXxHash128).Assembly, null, out _);

    [StructLayout(LayoutKind.Sequential)]
    private readonly struct Hash128
    {
        public readonly ulong Low;
        public readonly ulong High;
    }

    private sealed class State() : SafeHandleZeroOrMinusOneIsInvalid(ownsHandle: true)
    {
        protected override bool ReleaseHandle() => XXH3_freeState(handle) == 0;
    }

    [DllImport(Library)]
    private static extern State XXH3_createState();

    [DllImport(Library)]
    private static extern int XXH3_freeState(IntPtr state);

    [DllImport(Library)]
    private static extern int XXH3_128bits_reset(State state);

    [DllImport(Library)]
    private static extern int XXH3_128bits_update(State state, in byte input, nuint length);

    [DllImport(Library)]
    private static extern Hash128 XXH3_128bits_digest(State state);
}
