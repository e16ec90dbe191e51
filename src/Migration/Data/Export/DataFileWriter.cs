using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Threading;

namespace YbMigrate.Migration.Data.Export;

/// <summary>
/// Writes one data file: to a temporary name first, renamed once complete, so a file under its
/// final name is always whole. Names are safe on every file system.
/// </summary>
internal static class DataFileWriter
{
    /// <summary>The suffix of a file still being written.</summary>
    public const string PartialSuffix = ".partial";

    /// <summary>
    /// Writes the chunk's rows with <paramref name="reader"/> to DATA/<see cref="FileName"/> and
    /// returns its manifest entry. On any failure the temporary file is deleted.
    /// </summary>
    public static DataFile Write(string dataDirectory, ExportChunk chunk, ITableDataReader reader, CancellationToken cancellation)
    {
        var name = FileName(chunk);
        var path = Path.Combine(dataDirectory, name);
        var temporary = path + PartialSuffix;
        try
        {
            DataFile file;
            // PostgreSQL's readers hand over 128-256 KB at a time, which pass this buffer straight to
            // the file (one copy less); SQL Server's writer writes field by field, gathered here.
            using (var stream = new CsvFileStream(new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16)))
            {
                reader.Copy(chunk, stream, cancellation);
                if (!stream.EndsOnRecord)
                {
                    throw new InvalidDataException("the source's data ended inside a record");
                }

                file = new DataFile { Path = name, Rows = stream.Records, Bytes = stream.Bytes, Checksum = stream.Checksum(), KeyRange = chunk.Condition };
            }

            File.Move(temporary, path, overwrite: true);
            return file;
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>
    /// "schema.table.csv", or "schema.table.0002.csv" for the second of several chunks. In a name
    /// with anything but lower-case ASCII letters, digits and underscores, capitals are lowered, the
    /// rest become underscores and a hash of the real name is added, so two tables never share a
    /// file, even where file names ignore case.
    /// </summary>
    public static string FileName(ExportChunk chunk)
    {
        var table = chunk.Table;
        var stem = Safe(table.Schema) + "." + Safe(table.Name);
        if (stem != table.Schema + "." + table.Name)
        {
            stem += "~" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(table.Schema + "\0" + table.Name)))[..8];
        }

        if (chunk.Count == 1)
        {
            return stem + ".csv";
        }

        var digits = Math.Max(4, chunk.Count.ToString().Length);
        return stem + "." + chunk.Index.ToString("D" + digits) + ".csv";
    }

    private static string Safe(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            text.Append(c switch
            {
                >= 'a' and <= 'z' or >= '0' and <= '9' or '_' => c,
                >= 'A' and <= 'Z' => char.ToLowerInvariant(c),
                _ => '_',
            });
        }

        return text.ToString();
    }
}
