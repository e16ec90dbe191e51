using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using YbMigrate.Linter.Engine;
using YbMigrate.Linter.Reporting;

namespace YbMigrate.Linter.Tests.Reporting;

public sealed class StreamedJsonWritersTests
{
    // About 2,000 findings whose messages hold CJK and accented names: several 64 KB chunks, most of
    // them cut next to multi-byte characters.
    private static LintResult ManyNonAsciiFindings()
    {
        var script = new StringBuilder();
        for (var i = 0; i < 2000; i++)
        {
            script.Append($"CREATE TABLE \"日本_tablé_{i}\" (id int, j jsonb);\n")
                .Append($"CREATE INDEX \"索引_{i}\" ON \"日本_tablé_{i}\" (id);\n")
                .Append($"INSERT INTO \"日本_tablé_{i}\" VALUES (1, NULL);\n");
        }

        return new LintEngine().Lint(script.ToString());
    }

    [Fact]
    public void Json_output_written_in_chunks_is_one_document_with_every_message_intact()
    {
        var result = ManyNonAsciiFindings();
        var output = new StringWriter();

        new JsonFindingsWriter().Write(result, output);

        Assert.True(Encoding.UTF8.GetByteCount(output.ToString()) > 4 * 64 * 1024);
        using var json = JsonDocument.Parse(output.ToString());
        var messages = json.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("message").GetString()).ToList();
        Assert.Equal(result.Findings.Select(f => f.Message), messages);
        Assert.Contains(messages, m => m!.Contains("\"索引_1999\" on \"日本_tablé_1999\""));
        // Written as it reads (a quote as \", the names unescaped), not as \uXXXX.
        Assert.Contains("\\\"索引_1999\\\" on \\\"日本_tablé_1999\\\"", output.ToString());
        Assert.EndsWith("}" + output.NewLine, output.ToString());
    }

    [Fact]
    public void Sarif_output_written_in_chunks_is_one_document_with_every_message_intact()
    {
        var result = ManyNonAsciiFindings();
        var output = new StringWriter();

        new SarifFindingsWriter().Write(result, output);

        using var sarif = JsonDocument.Parse(output.ToString());
        var messages = sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Select(r => r.GetProperty("message").GetProperty("text").GetString()).ToList();
        Assert.Equal(result.Findings.Select(f => f.Message), messages);
    }
}
