using System.Text.Encodings.Web;
using System.Text.Json;

namespace YbMigrate.Migration;

/// <summary>
/// How the JSON reports (schema export, verify) are written: indented, with names and messages as
/// they are (a quote as \", accented and CJK names unescaped) instead of every non-ASCII character and
/// quote as \uXXXX; still plain JSON, escaped where JSON requires it.
/// </summary>
internal static class ReportJson
{
    public static JsonSerializerOptions Options { get; } = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
