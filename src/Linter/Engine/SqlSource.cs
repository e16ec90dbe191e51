using YbMigrate.PgQuery;

namespace YbMigrate.Linter.Engine;

/// <summary>A SQL text to lint: a file, or SQL embedded somewhere else.</summary>
public sealed class SqlSource
{
    private TextLines? _lines;

    /// <summary>Creates a source.</summary>
    public SqlSource(string path, string text)
    {
        Path = path;
        Text = text;
    }

    /// <summary>The file path (or a name for embedded SQL) used in findings.</summary>
    public string Path { get; }

    /// <summary>The SQL.</summary>
    public string Text { get; }

    /// <summary>Line starts, for line/column positions.</summary>
    public TextLines Lines => _lines ??= new TextLines(Text);
}
