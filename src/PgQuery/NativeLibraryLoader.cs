using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;

namespace YbMigrate.PgQuery;

/// <summary>A native library opened with the platform loader, and its exported functions.</summary>
internal sealed class LoadedLibrary
{
    private readonly IntPtr _handle;

    internal LoadedLibrary(IntPtr handle, string name)
    {
        _handle = handle;
        Name = name;
    }

    /// <summary>The path or name the library was opened with.</summary>
    public string Name { get; }

    public T Function<T>(string symbol) where T : Delegate
    {
        var address = PlatformLoader.Symbol(_handle, symbol);
        if (address == IntPtr.Zero)
        {
            throw new LibPgQueryNotFoundException(
                $"'{Name}' does not export {symbol}: it is not libpg_query 15-4.x. Install Debian's libpg-query-dev (15-4.x) " +
                $"or point {NativeLibraryLoader.PathVariable} at a matching build.");
        }

        return (T)Marshal.GetDelegateForFunctionPointer(address, typeof(T));
    }
}

/// <summary>
/// Finds libpg_query. The chain, first match wins:
/// 1. an absolute path configured in the environment variable <see cref="PathVariable"/>
///    (or the AppContext switch of the same name);
/// 2. the versioned soname shipped by Debian's libpg-query1504.0 package (<c>libpg_query.so.1504.0</c>);
/// 3. the plain name (<c>libpg_query.so</c> / <c>libpg_query.dylib</c> / <c>pg_query.dll</c>),
///    resolved by the platform loader's search path.
/// </summary>
public static class NativeLibraryLoader
{
    /// <summary>Environment variable (or AppContext data key) holding an absolute path to libpg_query.</summary>
    public const string PathVariable = "YB_MIGRATE_LIBPG_QUERY";

    internal const string InstallHint =
        "Install it with 'apt-get install libpg-query-dev' (Debian/Ubuntu), or set " + PathVariable +
        " to the absolute path of libpg_query.so.";

    /// <summary>The names tried after the configured path, in order.</summary>
    public static IReadOnlyList<string> CandidateNames { get; } = DefaultCandidates();

    /// <summary>Where libpg_query was loaded from; loads it when not yet loaded.</summary>
    public static string LoadedFrom => NativeMethods.LibraryName;

    internal static LoadedLibrary Load() => Load(ConfiguredPath());

    internal static LoadedLibrary Load(string? configured)
    {
        if (configured is not null)
        {
            if (!Path.IsPathRooted(configured) || !File.Exists(configured))
            {
                throw new LibPgQueryNotFoundException(
                    $"{PathVariable} is set to '{configured}', which is not an existing absolute path. " + InstallHint);
            }

            return Open(configured) ?? throw new LibPgQueryNotFoundException(
                $"libpg_query at '{configured}' ({PathVariable}) could not be loaded: {PlatformLoader.LastError()}. " + InstallHint);
        }

        foreach (var name in CandidateNames)
        {
            var library = Open(name);
            if (library is not null)
            {
                return library;
            }
        }

        throw new LibPgQueryNotFoundException(
            $"libpg_query was not found (tried {string.Join(", ", CandidateNames)}). " + InstallHint);
    }

    private static string? ConfiguredPath()
    {
        var value = Environment.GetEnvironmentVariable(PathVariable);
        if (string.IsNullOrWhiteSpace(value))
        {
            value = AppContext.GetData(PathVariable) as string;
        }

        return string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
    }

    private static LoadedLibrary? Open(string nameOrPath)
    {
        var handle = PlatformLoader.Open(nameOrPath);
        return handle == IntPtr.Zero ? null : new LoadedLibrary(handle, nameOrPath);
    }

    private static string[] DefaultCandidates()
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            return new[] { "pg_query.dll", "libpg_query.dll" };
        }

        if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX))
        {
            return new[] { "libpg_query.1504.dylib", "libpg_query.dylib", "/opt/homebrew/lib/libpg_query.dylib", "/usr/local/lib/libpg_query.dylib" };
        }

        return new[] { "libpg_query.so.1504.0", "libpg_query.so" };
    }
}

/// <summary>libpg_query could not be found or is not a compatible version.</summary>
public sealed class LibPgQueryNotFoundException : Exception
{
    /// <summary>Creates the exception with a message that says how to install the library.</summary>
    public LibPgQueryNotFoundException(string message) : base(message)
    {
    }
}

/// <summary>dlopen/dlsym or LoadLibrary/GetProcAddress, whichever the OS has.</summary>
internal static class PlatformLoader
{
    private const int RtldNow = 2;
    private static readonly bool IsWindows = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);
    private static readonly bool IsMac = RuntimeInformation.IsOSPlatform(OSPlatform.OSX);

    public static IntPtr Open(string nameOrPath)
    {
        if (IsWindows)
        {
            return Windows.LoadLibrary(nameOrPath);
        }

        return IsMac ? Mac.dlopen(nameOrPath, RtldNow) : OpenLinux(nameOrPath);
    }

    public static IntPtr Symbol(IntPtr handle, string symbol)
    {
        if (IsWindows)
        {
            return Windows.GetProcAddress(handle, symbol);
        }

        return IsMac ? Mac.dlsym(handle, symbol) : SymbolLinux(handle, symbol);
    }

    public static string LastError()
    {
        if (IsWindows)
        {
            return $"Win32 error {Marshal.GetLastWin32Error()}";
        }

        var message = IsMac ? Mac.dlerror() : ErrorLinux();
        return message == IntPtr.Zero ? "unknown error" : Marshal.PtrToStringAnsi(message) ?? "unknown error";
    }

    // glibc >= 2.34 exports dl* from libc.so.6; older ones only from libdl.so.2.
    private static IntPtr OpenLinux(string name)
    {
        try
        {
            return LinuxLibc.dlopen(name, RtldNow);
        }
        catch (EntryPointNotFoundException)
        {
            return LinuxLibdl.dlopen(name, RtldNow);
        }
    }

    private static IntPtr SymbolLinux(IntPtr handle, string symbol)
    {
        try
        {
            return LinuxLibc.dlsym(handle, symbol);
        }
        catch (EntryPointNotFoundException)
        {
            return LinuxLibdl.dlsym(handle, symbol);
        }
    }

    private static IntPtr ErrorLinux()
    {
        try
        {
            return LinuxLibc.dlerror();
        }
        catch (EntryPointNotFoundException)
        {
            return LinuxLibdl.dlerror();
        }
    }

#pragma warning disable SA1300, IDE1006 // native names
    private static class LinuxLibc
    {
        [DllImport("libc.so.6")] public static extern IntPtr dlopen(string fileName, int flags);
        [DllImport("libc.so.6")] public static extern IntPtr dlsym(IntPtr handle, string symbol);
        [DllImport("libc.so.6")] public static extern IntPtr dlerror();
    }

    private static class LinuxLibdl
    {
        [DllImport("libdl.so.2")] public static extern IntPtr dlopen(string fileName, int flags);
        [DllImport("libdl.so.2")] public static extern IntPtr dlsym(IntPtr handle, string symbol);
        [DllImport("libdl.so.2")] public static extern IntPtr dlerror();
    }

    private static class Mac
    {
        [DllImport("libSystem.dylib")] public static extern IntPtr dlopen(string fileName, int flags);
        [DllImport("libSystem.dylib")] public static extern IntPtr dlsym(IntPtr handle, string symbol);
        [DllImport("libSystem.dylib")] public static extern IntPtr dlerror();
    }

    private static class Windows
    {
        [DllImport("kernel32", SetLastError = true, CharSet = CharSet.Unicode)] public static extern IntPtr LoadLibrary(string fileName);
        [DllImport("kernel32", SetLastError = true, CharSet = CharSet.Ansi)] public static extern IntPtr GetProcAddress(IntPtr module, string name);
    }
#pragma warning restore SA1300, IDE1006
}
