using System;
using System.Data.Common;
using System.Reflection;
using System.Runtime.InteropServices;

namespace YbMigrate.Migration.Sources.PostgreSql;

/// <summary>
/// The few libpq calls the data export's readers make (libpq5, as psql uses it). Npgsql hands over
/// COPY's one message per row at several times libpq's CPU cost, which bounds the export on a busy
/// machine (bench/RESULTS.md). Found as libpq.so.5 (Debian's libpq5), libpq.5.dylib or libpq.dll, or
/// at the path in YB_MIGRATE_LIBPQ; YB_MIGRATE_LIBPQ=none reads through Npgsql instead.
/// </summary>
internal static class LibPq
{
    /// <summary>The environment variable naming libpq's path, or "none".</summary>
    public const string PathVariable = "YB_MIGRATE_LIBPQ";

    private const string Library = "yb-migrate-libpq";
    private static readonly Lazy<IntPtr> Handle = new(Load);

    /// <summary>Whether libpq could be loaded (and was not turned off).</summary>
    public static bool IsAvailable => Handle.Value != IntPtr.Zero;

    public const int ConnectionOk = 0;
    public const int CommandOk = 1;
    public const int CopyOut = 3;

    [DllImport(Library)]
    public static extern IntPtr PQconnectdb([MarshalAs(UnmanagedType.LPUTF8Str)] string conninfo);

    [DllImport(Library)]
    public static extern int PQstatus(IntPtr connection);

    [DllImport(Library)]
    public static extern IntPtr PQerrorMessage(IntPtr connection);

    [DllImport(Library)]
    public static extern IntPtr PQexec(IntPtr connection, [MarshalAs(UnmanagedType.LPUTF8Str)] string query);

    [DllImport(Library)]
    public static extern int PQresultStatus(IntPtr result);

    [DllImport(Library)]
    public static extern IntPtr PQresultErrorMessage(IntPtr result);

    [DllImport(Library)]
    public static extern IntPtr PQgetResult(IntPtr connection);

    [DllImport(Library)]
    public static extern void PQclear(IntPtr result);

    [DllImport(Library)]
    public static extern int PQgetCopyData(IntPtr connection, out IntPtr buffer, int async);

    // Called once per row, and only frees memory: no transition to preemptive mode for the GC.
    [DllImport(Library)]
    [SuppressGCTransition]
    public static extern void PQfreemem(IntPtr memory);

    [DllImport(Library)]
    public static extern void PQfinish(IntPtr connection);

    /// <summary>A message libpq returned (a C string), trimmed.</summary>
    public static string Message(IntPtr text) => (Marshal.PtrToStringUTF8(text) ?? "").Trim();

    private static IntPtr Load()
    {
        var configured = Environment.GetEnvironmentVariable(PathVariable);
        if (string.Equals(configured, "none", StringComparison.OrdinalIgnoreCase))
        {
            return IntPtr.Zero;
        }

        string[] candidates = string.IsNullOrEmpty(configured) ? ["libpq.so.5", "libpq.5.dylib", "libpq.dll", "libpq"] : [configured];
        foreach (var candidate in candidates)
        {
            if (NativeLibrary.TryLoad(candidate, out var handle))
            {
                NativeLibrary.SetDllImportResolver(typeof(LibPq).Assembly, (name, _, _) => name == Library ? handle : IntPtr.Zero);
                return handle;
            }
        }

        return IntPtr.Zero;
    }
}

/// <summary>An error libpq reported: the connection failed or the server refused a command.</summary>
public sealed class LibPqException : DbException
{
    /// <summary>Creates the exception.</summary>
    public LibPqException(string message) : base(message)
    {
    }
}
