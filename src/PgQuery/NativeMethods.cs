using System;
using System.Runtime.InteropServices;

namespace YbMigrate.PgQuery;

// Mirrors of the result structs in pg_query.h (libpg_query 15-4.x). All are blittable.
[StructLayout(LayoutKind.Sequential)]
internal struct NativeError
{
    public IntPtr Message;
    public IntPtr FunctionName;
    public IntPtr FileName;
    public int LineNumber;
    public int CursorPosition;
    public IntPtr Context;
}

[StructLayout(LayoutKind.Sequential)]
internal struct NativeProtobuf
{
    public UIntPtr Length;
    public IntPtr Data;
}

[StructLayout(LayoutKind.Sequential)]
internal struct NativeScanResult
{
    public NativeProtobuf Protobuf;
    public IntPtr StderrBuffer;
    public IntPtr Error;
}

[StructLayout(LayoutKind.Sequential)]
internal struct NativeParseResult
{
    public IntPtr ParseTree;
    public IntPtr StderrBuffer;
    public IntPtr Error;
}

[StructLayout(LayoutKind.Sequential)]
internal struct NativeProtobufParseResult
{
    public NativeProtobuf ParseTree;
    public IntPtr StderrBuffer;
    public IntPtr Error;
}

[StructLayout(LayoutKind.Sequential)]
internal struct NativeSplitStatement
{
    public int Location;
    public int Length;
}

[StructLayout(LayoutKind.Sequential)]
internal struct NativeSplitResult
{
    public IntPtr Statements;
    public int StatementCount;
    public IntPtr StderrBuffer;
    public IntPtr Error;
}

[StructLayout(LayoutKind.Sequential)]
internal struct NativePlpgsqlParseResult
{
    public IntPtr Functions;
    public IntPtr Error;
}

[StructLayout(LayoutKind.Sequential)]
internal struct NativeFingerprintResult
{
    public ulong Fingerprint;
    public IntPtr FingerprintText;
    public IntPtr StderrBuffer;
    public IntPtr Error;
}

[StructLayout(LayoutKind.Sequential)]
internal struct NativeNormalizeResult
{
    public IntPtr NormalizedQuery;
    public IntPtr Error;
}

/// <summary>
/// The libpg_query entry points, bound through function pointers looked up in the library that
/// <see cref="NativeLibraryLoader"/> found (netstandard2.0 has no NativeLibrary resolver).
/// </summary>
internal static unsafe class NativeMethods
{
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] internal delegate NativeParseResult ParseFn(byte* input);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] internal delegate void FreeParseFn(NativeParseResult result);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] internal delegate NativeProtobufParseResult ParseProtobufFn(byte* input);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] internal delegate void FreeProtobufParseFn(NativeProtobufParseResult result);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] internal delegate NativeScanResult ScanFn(byte* input);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] internal delegate void FreeScanFn(NativeScanResult result);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] internal delegate NativeSplitResult SplitFn(byte* input);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] internal delegate void FreeSplitFn(NativeSplitResult result);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] internal delegate NativePlpgsqlParseResult PlpgsqlFn(byte* input);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] internal delegate void FreePlpgsqlFn(NativePlpgsqlParseResult result);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] internal delegate NativeFingerprintResult FingerprintFn(byte* input);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] internal delegate void FreeFingerprintFn(NativeFingerprintResult result);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] internal delegate NativeNormalizeResult NormalizeFn(byte* input);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] internal delegate void FreeNormalizeFn(NativeNormalizeResult result);

    private static readonly Lazy<Bindings> Lazy = new(() => new Bindings(NativeLibraryLoader.Load()));

    internal static Bindings Library => Lazy.Value;

    internal static string LibraryName => Library.LibraryName;

    internal sealed class Bindings
    {
        public readonly ParseFn Parse;
        public readonly FreeParseFn FreeParse;
        public readonly ParseProtobufFn ParseProtobuf;
        public readonly FreeProtobufParseFn FreeProtobufParse;
        public readonly ScanFn Scan;
        public readonly FreeScanFn FreeScan;
        public readonly SplitFn SplitWithScanner;
        public readonly SplitFn SplitWithParser;
        public readonly FreeSplitFn FreeSplit;
        public readonly PlpgsqlFn ParsePlpgsql;
        public readonly FreePlpgsqlFn FreePlpgsql;
        public readonly FingerprintFn Fingerprint;
        public readonly FreeFingerprintFn FreeFingerprint;
        public readonly NormalizeFn Normalize;
        public readonly FreeNormalizeFn FreeNormalize;

        public readonly string LibraryName;

        public Bindings(LoadedLibrary library)
        {
            LibraryName = library.Name;
            Parse = library.Function<ParseFn>("pg_query_parse");
            FreeParse = library.Function<FreeParseFn>("pg_query_free_parse_result");
            ParseProtobuf = library.Function<ParseProtobufFn>("pg_query_parse_protobuf");
            FreeProtobufParse = library.Function<FreeProtobufParseFn>("pg_query_free_protobuf_parse_result");
            Scan = library.Function<ScanFn>("pg_query_scan");
            FreeScan = library.Function<FreeScanFn>("pg_query_free_scan_result");
            SplitWithScanner = library.Function<SplitFn>("pg_query_split_with_scanner");
            SplitWithParser = library.Function<SplitFn>("pg_query_split_with_parser");
            FreeSplit = library.Function<FreeSplitFn>("pg_query_free_split_result");
            ParsePlpgsql = library.Function<PlpgsqlFn>("pg_query_parse_plpgsql");
            FreePlpgsql = library.Function<FreePlpgsqlFn>("pg_query_free_plpgsql_parse_result");
            Fingerprint = library.Function<FingerprintFn>("pg_query_fingerprint");
            FreeFingerprint = library.Function<FreeFingerprintFn>("pg_query_free_fingerprint_result");
            Normalize = library.Function<NormalizeFn>("pg_query_normalize");
            FreeNormalize = library.Function<FreeNormalizeFn>("pg_query_free_normalize_result");
        }
    }
}
