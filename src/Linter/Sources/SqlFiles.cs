using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using YbMigrate.Linter.Engine;

namespace YbMigrate.Linter.Sources;

/// <summary>A file that could not be read as SQL, with a message that says what to do.</summary>
public sealed class SqlFileException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SqlFileException(string path, string message) : base($"{path}: {message}") => Path = path;

    /// <summary>The file concerned.</summary>
    public string Path { get; }
}

/// <summary>A SQL file as read from disk: its text, and whether it began with a UTF-8 byte order mark.</summary>
public sealed class SqlFile
{
    internal SqlFile(SqlSource source, bool hasByteOrderMark)
    {
        Source = source;
        HasByteOrderMark = hasByteOrderMark;
    }

    /// <summary>The file's text for the linter.</summary>
    public SqlSource Source { get; }

    /// <summary>True when the file began with a BOM (kept when the file is rewritten).</summary>
    public bool HasByteOrderMark { get; }

    /// <summary>True when the file has no SQL at all.</summary>
    public bool IsEmpty => Source.Text.Trim().Length == 0;
}

/// <summary>Finds and reads .sql files: strict UTF-8, with errors that name the file and the place.</summary>
public static class SqlFiles
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Expands paths: a file is taken as is, a folder gives its *.sql files recursively, in a
    /// stable (ordinal) order. A path that does not exist is an error.
    /// </summary>
    public static IReadOnlyList<string> Expand(IEnumerable<string> paths)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                files.Add(path);
            }
            else if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => string.Equals(System.IO.Path.GetExtension(f), ".sql", StringComparison.OrdinalIgnoreCase))
                    .OrderBy(f => f, StringComparer.Ordinal));
            }
            else
            {
                throw new SqlFileException(path, "no such file or folder. Give .sql files or folders that contain them.");
            }
        }

        return files.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Reads a file as UTF-8; invalid bytes are an error naming the line and byte offset.</summary>
    public static SqlFile Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SqlFileException(path, "cannot be read: " + ex.Message);
        }

        var bom = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF;
        var start = bom ? 3 : 0;
        if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
        {
            throw new SqlFileException(path, "is UTF-16 encoded. Save it as UTF-8 (e.g. iconv -f UTF-16 -t UTF-8).");
        }

        try
        {
            return new SqlFile(new SqlSource(path, StrictUtf8.GetString(bytes, start, bytes.Length - start)), bom);
        }
        catch (DecoderFallbackException)
        {
            var offset = FirstInvalidByte(bytes, start);
            var line = 1 + bytes.Take(offset).Count(b => b == (byte)'\n');
            throw new SqlFileException(path, $"line {line}: byte 0x{bytes[offset]:X2} at offset {offset} is not valid UTF-8. Convert the file to UTF-8 (e.g. iconv -f LATIN1 -t UTF-8 in.sql > out.sql).");
        }
    }

    /// <summary>Writes a fixed text back, keeping the file's byte order mark.</summary>
    public static void Write(SqlFile file, string text)
    {
        var bytes = StrictUtf8.GetBytes(text);
        using var stream = File.Create(file.Source.Path);
        if (file.HasByteOrderMark)
        {
            stream.Write(new byte[] { 0xEF, 0xBB, 0xBF }, 0, 3);
        }

        stream.Write(bytes, 0, bytes.Length);
    }

    // Finds the first byte that does not start or continue a well-formed UTF-8 sequence.
    private static int FirstInvalidByte(byte[] bytes, int start)
    {
        var firstNonAscii = -1;
        for (var i = start; i < bytes.Length; i++)
        {
            var lead = bytes[i];
            if (lead < 0x80)
            {
                continue;
            }

            firstNonAscii = firstNonAscii < 0 ? i : firstNonAscii;
            var length = lead >= 0xC2 && lead <= 0xDF ? 2 : lead >= 0xE0 && lead <= 0xEF ? 3 : lead >= 0xF0 && lead <= 0xF4 ? 4 : 0;
            if (length == 0 || i + length > bytes.Length)
            {
                return i;
            }

            for (var k = 1; k < length; k++)
            {
                if ((bytes[i + k] & 0xC0) != 0x80)
                {
                    return i;
                }
            }

            i += length - 1;
        }

        // Well-formed sequences the decoder still refuses (overlong forms, surrogates): name the first non-ASCII byte.
        return Math.Max(firstNonAscii, start);
    }
}
