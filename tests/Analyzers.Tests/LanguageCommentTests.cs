using System.Threading.Tasks;

namespace YbMigrationAnalyzers.Tests;

/// <summary>Literals marked as SQL by Rider's <c>// language=sql</c> / <c>/* language=postgresql */</c> comment.</summary>
public class LanguageCommentTests
{
    [Fact]
    public Task Comment_before_a_literal_or_its_declaration_marks_it_as_sql() => Verify.Analyze("""
        class C
        {
            // language=sql
            private const string Ddl = "CREATE INDEX i ON t USING {|YB1003:gist|} (g)";

            /* language=postgresql */
            public string Query { get; } = "CREATE INDEX i ON t USING {|YB1003:brin|} (g)";

            string M(string name)
            {
                var inline = /* language=postgresql */ "CREATE INDEX i ON t USING {|YB1003:spgist|} (g)";
                // language=PostgreSQL
                var concatenated = "CREATE INDEX i " + "ON t USING {|YB1003:gist|} (h)";
                var interpolated = /*language=sql*/ $"CREATE INDEX i ON t USING {|YB1003:brin|} (h) WHERE a = {name}";
                string assigned;
                // language=sql
                assigned = "CREATE INDEX i ON t USING {|YB1003:gist|} (k)";
                return Use(/* language=sql */ "CREATE INDEX i ON t USING {|YB1003:gist|} (m)", "CREATE INDEX i ON t USING gist (n)");
            }

            string Use(string a, string b) => a + b;
        }
        """);

    [Fact]
    public Task Other_comments_and_languages_are_not_sql() => Verify.Analyze("""
        class C
        {
            // language=json
            private const string Json = "CREATE INDEX i ON t USING gist (g)";

            // language=sql
            // (a later comment hides the marker)
            private const string Hidden = "CREATE INDEX i ON t USING gist (g)";

            void M()
            {
                // language=sql
                Use("CREATE INDEX i ON t USING gist (g)", "CREATE INDEX i ON t USING brin (g)");
                var plain = "CREATE INDEX i ON t USING gist (g)";
            }

            void Use(string a, string b) { }
        }
        """);
}
