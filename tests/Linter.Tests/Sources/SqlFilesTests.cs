using System;
using System.IO;
using System.Linq;
using System.Text;
using YbMigrate.Linter.Configuration;
using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Sources;

namespace YbMigrate.Linter.Tests.Sources;

public sealed class SqlFilesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("yb-lint-files").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WriteBytes(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void Folders_expand_recursively_to_sql_files_in_a_stable_order()
    {
        WriteBytes("b.sql", Array.Empty<byte>());
        WriteBytes("sub/a.SQL", Array.Empty<byte>());
        WriteBytes("notes.txt", Array.Empty<byte>());
        var files = SqlFiles.Expand(new[] { _dir }).Select(f => Path.GetRelativePath(_dir, f)).ToList();
        Assert.Equal(new[] { "b.sql", Path.Combine("sub", "a.SQL") }, files);
    }

    [Fact]
    public void A_missing_path_is_a_clear_error()
    {
        var error = Assert.Throws<SqlFileException>(() => SqlFiles.Expand(new[] { Path.Combine(_dir, "missing.sql") }));
        Assert.Contains("missing.sql: no such file or folder", error.Message);
    }

    [Fact]
    public void Invalid_utf8_names_the_line_and_byte_and_says_how_to_convert()
    {
        var latin1 = Encoding.Latin1.GetBytes("SELECT 1;\nSELECT 'caf\u00e9';\n");
        var error = Assert.Throws<SqlFileException>(() => SqlFiles.Read(WriteBytes("latin1.sql", latin1)));
        Assert.Contains("latin1.sql: line 2: byte 0xE9 at offset 21 is not valid UTF-8", error.Message);
        Assert.Contains("iconv", error.Message);
    }

    [Fact]
    public void Utf16_files_are_recognised()
    {
        var error = Assert.Throws<SqlFileException>(() => SqlFiles.Read(WriteBytes("u16.sql", Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("SELECT 1;")).ToArray())));
        Assert.Contains("UTF-16", error.Message);
    }

    [Fact]
    public void A_byte_order_mark_is_not_part_of_the_text_and_survives_a_rewrite()
    {
        var path = WriteBytes("bom.sql", new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("SELECT 1;")).ToArray());
        var file = SqlFiles.Read(path);
        Assert.Equal("SELECT 1;", file.Source.Text);
        SqlFiles.Write(file, "SELECT 2;");
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, File.ReadAllBytes(path).Take(3));
        Assert.Equal("SELECT 2;", SqlFiles.Read(path).Source.Text);
    }

    [Fact]
    public void Empty_files_are_read_as_empty()
    {
        Assert.True(SqlFiles.Read(WriteBytes("empty.sql", Encoding.UTF8.GetBytes("  \n-- \n"[..3]))).IsEmpty);
    }

    [Fact]
    public void Config_files_set_target_disabled_rules_and_severities_and_name_their_errors()
    {
        var path = WriteBytes("yb-migrate.json", Encoding.UTF8.GetBytes("{ // comment\n \"targetVersion\": \"2024.2\", \"disabledRules\": [\"yb1003\"], \"severities\": { \"YB2003\": \"info\" } }"));
        var options = new LintOptions();
        LintConfig.Apply(path, options);
        Assert.Equal("2024.2", options.TargetVersion.ToString());
        Assert.Contains("YB1003", options.DisabledRules);
        Assert.Equal(Severity.Info, options.SeverityOverrides["YB2003"]);

        var bad = WriteBytes("bad.json", Encoding.UTF8.GetBytes("{ \"disabledRules\": [\"YB12\"] }"));
        Assert.Contains("'YB12' is not a rule id", Assert.Throws<LintConfigException>(() => LintConfig.Apply(bad, new LintOptions())).Message);
        var broken = WriteBytes("broken.json", Encoding.UTF8.GetBytes("{\n \"targetVersion\": }"));
        Assert.Contains("broken.json: line 2", Assert.Throws<LintConfigException>(() => LintConfig.Apply(broken, new LintOptions())).Message);
    }
}
