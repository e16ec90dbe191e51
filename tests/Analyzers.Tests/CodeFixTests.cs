using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using YbMigrationAnalyzers.CodeFixes;

namespace YbMigrationAnalyzers.Tests;

/// <summary>
/// The code fixes edit the literal in place, in its own kind of escaping, and leave everything
/// around the edit alone. Every test also runs Fix All (document, project, solution).
/// </summary>
public class CodeFixTests
{
    // The rules with fixes that later YugabyteDB versions support (UNLOGGED, jsonb subscripts)
    // are reported for an older target.
    private static Task Fix(string source, string fixedSource, CodeFixTestBehaviors behaviors = CodeFixTestBehaviors.None)
    {
        var test = new CSharpCodeFixTest<SqlAnalyzer, SqlCodeFixProvider, DefaultVerifier>
        {
            TestCode = source,
            FixedCode = fixedSource,
            ReferenceAssemblies = Verify.WithNpgsqlAndDapper,
            CodeFixTestBehaviors = behaviors,
        };
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\nyb_migrate.target_version = 2.20\n"));
        test.FixedState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\nyb_migrate.target_version = 2.20\n"));
        return test.RunAsync();
    }

    private static string Command(string literal) =>
        "using Npgsql;\nclass C\n{\n    void M(NpgsqlConnection c, int id)\n    {\n        using var cmd = new NpgsqlCommand(\n"
        + literal + "\n, c);\n    }\n}\n";

    [Fact]
    public Task Storage_parameters_are_removed_from_an_index() => Fix(
        Command(""""            """CREATE INDEX i ON orders (customer_id) {|YB1004:WITH (fillfactor = 70)|}""" """"),
        Command(""""            """CREATE INDEX i ON orders (customer_id)""" """"));

    [Fact]
    public Task A_deferrable_clause_is_dropped_from_a_unique_column() => Fix(
        Command(""""            """CREATE TABLE slots (id int PRIMARY KEY, position int UNIQUE {|YB1009:DEFERRABLE|})""" """"),
        Command(""""            """CREATE TABLE slots (id int PRIMARY KEY, position int UNIQUE)""" """"));

    [Fact]
    public Task A_compression_clause_is_dropped_from_a_column() => Fix(
        Command(""""            """CREATE TABLE documents (id bigint PRIMARY KEY, body text {|YB1028:COMPRESSION lz4|})""" """"),
        Command(""""            """CREATE TABLE documents (id bigint PRIMARY KEY, body text)""" """"));

    [Fact]
    public Task A_materialized_hint_is_dropped_from_a_cte() => Fix(
        Command(""""            """WITH recent AS {|YB3013:MATERIALIZED|} (SELECT 1) SELECT * FROM recent""" """"),
        Command(""""            """WITH recent AS (SELECT 1) SELECT * FROM recent""" """"));

    [Fact]
    public Task Statements_yugabytedb_rejects_whole_are_removed_from_the_literal() => Fix(
        Command("""            "ALTER TABLE orders ALTER COLUMN status {|YB1005:SET (n_distinct = 5)|}; {|YB1006:CLUSTER|} orders; SELECT 1"  """),
        Command("""            "SELECT 1"  """),
        CodeFixTestBehaviors.SkipFixAllCheck);

    [Fact]
    public Task Regular_string_keeps_its_escapes_and_escapes_the_new_text() => Fix(
        Command("""            "SELECT \"Data\"{|YB3009:['a']|}\n\tFROM \"t\""  """),
        Command("""            "SELECT \"Data\" -> 'a' AS \"Data\"\n\tFROM \"t\""  """));

    [Fact]
    public Task Verbatim_string_doubles_quotes_in_the_new_text() => Fix(
        Command("""
                        @"SELECT ""Data""{|YB3009:['a']|}
                            FROM t"
            """),
        Command("""
                        @"SELECT ""Data"" -> 'a' AS ""Data""
                            FROM t"
            """));

    [Fact]
    public Task Single_line_raw_string() => Fix(
        Command(""""            """CREATE {|YB1002:UNLOGGED|} TABLE "t" (id int PRIMARY KEY)""" """"),
        Command(""""            """CREATE TABLE "t" (id int PRIMARY KEY)""" """"));

    [Fact]
    public Task Multi_line_raw_string_keeps_indentation_and_comments() => Fix(
        Command(""""
                        /* ddl */ """
                        -- a log table
                        CREATE {|YB1002:UNLOGGED|} TABLE log ( -- no WAL
                            id int PRIMARY KEY
                        )
                        """ // end
            """"),
        Command(""""
                        /* ddl */ """
                        -- a log table
                        CREATE TABLE log ( -- no WAL
                            id int PRIMARY KEY
                        )
                        """ // end
            """"));

    [Fact]
    public Task Multi_line_raw_string_takes_quotes_in_the_new_text() => Fix(
        Command(""""
                        """
                        SELECT "Data"{|YB3009:['a']|}
                        FROM t
                        """
            """"),
        Command(""""
                        """
                        SELECT "Data" -> 'a' AS "Data"
                        FROM t
                        """
            """"));

    [Fact]
    public Task Interpolated_literal_part_escapes_quotes_and_keeps_the_hole() => Fix(
        Command("""            $"SELECT \"Data\"{|YB3009:['a']|} FROM t WHERE id = {id}"  """),
        Command("""            $"SELECT \"Data\" -> 'a' AS \"Data\" FROM t WHERE id = {id}"  """));

    [Fact]
    public Task Insertion_at_the_end_of_the_literal() => Fix(
        Command("""            "CREATE SEQUENCE {|YB4003:s|}"  """),
        Command("""            "CREATE SEQUENCE s CACHE 100"  """));

    [Fact]
    public Task No_fix_across_concatenated_pieces() => Fix(
        Command("""            "CREATE {|YB1002:UNLOGGED|}" + " TABLE t (id int PRIMARY KEY)"  """),
        Command("""            "CREATE {|YB1002:UNLOGGED|}" + " TABLE t (id int PRIMARY KEY)"  """));

    [Fact]
    public Task Fix_inside_one_concatenated_piece() => Fix(
        Command("""            "CREATE {|YB1002:UNLOGGED|} TABLE t " + "(id int PRIMARY KEY)"  """),
        Command("""            "CREATE TABLE t " + "(id int PRIMARY KEY)"  """));

    [Fact]
    public Task Fix_all_in_document() => Fix("""
        using Npgsql;
        class C
        {
            void M(NpgsqlConnection c)
            {
                using var a = new NpgsqlCommand("CREATE {|YB1002:UNLOGGED|} TABLE a (id int PRIMARY KEY)", c);
                using var b = new NpgsqlCommand(@"CREATE {|YB1002:UNLOGGED|} TABLE b (id int PRIMARY KEY)", c);
            }
        }
        """, """
        using Npgsql;
        class C
        {
            void M(NpgsqlConnection c)
            {
                using var a = new NpgsqlCommand("CREATE TABLE a (id int PRIMARY KEY)", c);
                using var b = new NpgsqlCommand(@"CREATE TABLE b (id int PRIMARY KEY)", c);
            }
        }
        """);

    [Fact]
    public Task Fix_all_in_document_with_two_fixes_in_one_literal() => Fix(
        Command("""            "CREATE SEQUENCE {|YB4003:s|};\nCREATE SEQUENCE {|YB4003:t|} START 5"  """),
        Command("""            "CREATE SEQUENCE s CACHE 100;\nCREATE SEQUENCE t START 5 CACHE 100"  """));

    [Fact]
    public Task Fix_all_is_per_rule()
    {
        var test = new CSharpCodeFixTest<SqlAnalyzer, SqlCodeFixProvider, DefaultVerifier>
        {
            TestCode = Command("""            "CREATE {|YB1002:UNLOGGED|} TABLE a (id int PRIMARY KEY); CREATE SEQUENCE {|YB4003:s|}"  """),
            FixedCode = Command("""            "CREATE TABLE a (id int PRIMARY KEY); CREATE SEQUENCE s CACHE 100"  """),
            ReferenceAssemblies = Verify.WithNpgsqlAndDapper,
            NumberOfFixAllIterations = 2, // one equivalence key per rule: each Fix All takes one rule
        };
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\nyb_migrate.target_version = 2.20\n"));
        test.FixedState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\nyb_migrate.target_version = 2.20\n"));
        return test.RunAsync();
    }

    [Fact]
    public Task No_fix_next_to_a_hole() => Fix(
        Command("""            $"CREATE SEQUENCE {|YB4003:s|}{id}"  """),
        Command("""            $"CREATE SEQUENCE {|YB4003:s|}{id}"  """));

    // The diagnostic sits in the const's declaration, reported while the use is analyzed (a
    // non-local diagnostic to the test framework); the fix edits the declaration, where it points.
    [Fact]
    public Task Const_is_fixed_in_its_declaration() => Fix("""
        using Npgsql;
        class C
        {
            const string Ddl = "DROP INDEX {|YB1035:CONCURRENTLY|} i";
            void M(NpgsqlConnection c) { using var cmd = new NpgsqlCommand(Ddl, c); }
        }
        """, """
        using Npgsql;
        class C
        {
            const string Ddl = "DROP INDEX i";
            void M(NpgsqlConnection c) { using var cmd = new NpgsqlCommand(Ddl, c); }
        }
        """, CodeFixTestBehaviors.SkipLocalDiagnosticCheck);

    [Theory]
    [InlineData("x = \"a\";", "a\\b\"c\n\r\t\u0001", "a\\\\b\\\"c\\n\\r\\t\\u0001")]
    [InlineData("x = @\"a\";", "say \"hi\"\n", "say \"\"hi\"\"\n")]
    [InlineData("x = $\"a{y}\";", "{\"k\"}", "{{\\\"k\\\"}}")]
    [InlineData("x = $@\"a{y}\";", "{\"k\"}", "{{\"\"k\"\"}}")]
    [InlineData("x = $\"\"\"a{y}\"\"\";", "{k}", null)]
    [InlineData("x = \"\"\"a\"\"\";", "\"k\"", "\"k\"")]
    public void New_text_is_escaped_for_the_literal(string statement, string text, string? expected)
    {
        var tree = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("class C { void M(string x, int y) { " + statement + " } }");
        var literal = tree.GetRoot().DescendantTokens().First(t => t.Text.StartsWith("a", StringComparison.Ordinal) || t.Text.Contains("\"a") || t.Text.Contains("@\"a"));
        Assert.Equal(expected, SqlFixes.Escape(literal, text));
    }
}
