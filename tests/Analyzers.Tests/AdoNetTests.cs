using System.Threading.Tasks;

namespace YbMigrationAnalyzers.Tests;

public class AdoNetTests
{
    [Fact]
    public Task NpgsqlCommandConstructor()
    {
        const string source = """
            using Npgsql;
            class C
            {
                void M(NpgsqlConnection c)
                {
                    using var cmd = new NpgsqlCommand("CREATE INDEX i ON t USING {|YB1003:gist|} (g)", c);
                }
            }
            """;
        return Verify.Analyze(source);
    }
}
