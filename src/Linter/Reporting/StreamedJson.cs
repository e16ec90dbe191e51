using System;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace YbMigrate.Linter.Reporting;

/// <summary>
/// Indented JSON passed on to a <see cref="TextWriter"/> as it is written, a chunk at a time: the lint
/// of a large schema has tens of megabytes of findings, which were held three times over (the bytes,
/// their copy, the string) before the first of them reached the output.
/// </summary>
internal sealed class StreamedJson : IDisposable
{
    private const int ChunkSize = 64 * 1024;

    private readonly MemoryStream _chunk = new();
    private readonly TextWriter _output;

    public StreamedJson(TextWriter output)
    {
        _output = output;
        // Messages and names as they are (a quote as \", accented and CJK names unescaped), not as \uXXXX.
        Writer = new Utf8JsonWriter(_chunk, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <summary>Where the JSON is written.</summary>
    public Utf8JsonWriter Writer { get; }

    /// <summary>Passes what was written on to the output once a chunk has gathered (call between values).</summary>
    public void FlushIfFull()
    {
        if (Writer.BytesPending + _chunk.Length >= ChunkSize)
        {
            Flush();
        }
    }

    /// <summary>Passes the rest on and ends the line.</summary>
    public void Finish()
    {
        Flush();
        _output.WriteLine();
    }

    /// <inheritdoc />
    public void Dispose() => Writer.Dispose();

    // Whole tokens only reach the chunk, so it never ends inside a character's UTF-8 bytes.
    private void Flush()
    {
        Writer.Flush();
        _output.Write(Encoding.UTF8.GetString(_chunk.GetBuffer(), 0, (int)_chunk.Length));
        _chunk.SetLength(0);
    }
}
