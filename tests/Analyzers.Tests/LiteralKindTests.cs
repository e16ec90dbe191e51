using System.Threading.Tasks;

namespace YbMigrationAnalyzers.Tests;

/// <summary>Every kind of C# string literal: the diagnostic lands on the SQL token inside it.</summary>
public class LiteralKindTests
{
    [Fact]
    public Task Regular_string_with_escapes_before_and_inside_the_span() => Verify.Analyze("""
        using Npgsql;
        class C
        {
            void M(NpgsqlConnection c)
            {
                using var cmd = new NpgsqlCommand("CREATE INDEX \"i\"\n\tON t USING {|YB1003:\u0067ist|} (g)", c);
            }
        }
        """);

    [Fact]
    public Task Verbatim_string_with_doubled_quotes_over_several_lines() => Verify.Analyze("""
        using Npgsql;
        class C
        {
            void M(NpgsqlConnection c)
            {
                using var cmd = new NpgsqlCommand(@"CREATE INDEX ""i""
                    ON t
                    USING {|YB1003:gist|} (g)", c);
            }
        }
        """);

    [Fact]
    public Task Multi_line_raw_string_with_indentation() => Verify.Analyze(""""
        using Npgsql;
        class C
        {
            void M(NpgsqlConnection c)
            {
                using var cmd = new NpgsqlCommand("""
                    CREATE INDEX i
                        ON t USING {|YB1003:gist|} (g)
                    """, c);
            }
        }
        """");

    [Fact]
    public Task Single_line_raw_string() => Verify.Analyze(""""
        using Npgsql;
        class C
        {
            void M(NpgsqlConnection c)
            {
                using var cmd = new NpgsqlCommand("""CREATE INDEX "i" ON t USING {|YB1003:gist|} (g)""", c);
            }
        }
        """");

    [Fact]
    public Task Utf8_string_given_to_a_parameter_marked_as_PostgreSQL() => Verify.Analyze("""
        using System;
        using System.Diagnostics.CodeAnalysis;
        class C
        {
            static void Run([StringSyntax("PostgreSQL")] ReadOnlySpan<byte> sql) { }

            void M() => Run("CREATE INDEX i ON t USING {|YB1003:gist|} (g)"u8);
        }
        """);

    [Fact]
    public Task Concatenated_pieces_each_keep_their_positions() => Verify.Analyze("""
        using Npgsql;
        class C
        {
            void M(NpgsqlConnection c)
            {
                using var cmd = new NpgsqlCommand("CREATE INDEX i ON t " +
                    "USING {|YB1003:gist|} (g);\n" +
                    @"CREATE INDEX j ON t USING {|YB1003:brin|} (h)", c);
            }
        }
        """);

    [Fact]
    public Task Const_field_reports_once_in_its_declaration() => Verify.Analyze("""
        using Npgsql;
        class C
        {
            const string Index = "CREATE INDEX i ON t USING {|YB1003:gist|} (g)";

            void M(NpgsqlConnection c)
            {
                using var one = new NpgsqlCommand(Index, c);
                using var two = new NpgsqlCommand(Index, c);
            }
        }
        """);

    [Fact]
    public Task Const_local_built_from_other_consts()
    {
        return Verify.Analyze("""
            using Npgsql;
            class C
            {
                const string Head = "CREATE INDEX i ON t ";

                void M(NpgsqlConnection c)
                {
                    const string Sql = Head + "USING {|YB1003:gist|} (g)";
                    using var cmd = new NpgsqlCommand(Sql, c);
                }
            }
            """);
    }

    [Fact]
    public async Task Const_declared_in_another_file()
    {
        var test = Verify.Test("""
            using Npgsql;
            class C
            {
                void M(NpgsqlConnection c)
                {
                    using var cmd = new NpgsqlCommand(Queries.Index, c);
                }
            }
            """);
        test.TestState.Sources.Add(("Queries.cs", """
            static class Queries
            {
                public const string Index = "CREATE INDEX i ON t USING {|YB1003:gist|} (g)";
            }
            """));
        await test.RunAsync();
    }

    [Fact]
    public Task Interpolation_holes_become_parameters() => Verify.Analyze("""
        using Npgsql;
        class C
        {
            void M(NpgsqlConnection c, int limit)
            {
                using var cmd = new NpgsqlCommand($"CREATE INDEX i ON t USING {|YB1003:gist|} (g) WHERE g > {limit} AND \"{{x}}\" = 1", c);
            }
        }
        """);

    [Fact]
    public Task Raw_interpolated_string_over_several_lines() => Verify.Analyze(""""
        using Npgsql;
        class C
        {
            void M(NpgsqlConnection c, int limit)
            {
                using var cmd = new NpgsqlCommand($"""
                    CREATE INDEX i ON t
                      USING {|YB1003:gist|} (g) WHERE g > {limit}
                    """, c);
            }
        }
        """");

    [Fact]
    public Task Dynamic_sql_is_skipped() => Verify.Analyze("""
        using Npgsql;
        class C
        {
            static string Build() => "CREATE INDEX i ON t USING gist (g)";

            void M(NpgsqlConnection c, string table)
            {
                using var one = new NpgsqlCommand(Build(), c);
                using var two = new NpgsqlCommand("CREATE INDEX i ON " + table + " USING gist (g)", c);
            }
        }
        """);

    [Fact]
    public Task Syntax_error_points_at_the_offending_token() => Verify.Analyze("""
        using Npgsql;
        class C
        {
            void M(NpgsqlConnection c)
            {
                using var cmd = new NpgsqlCommand("SELECT * {|YB0001:FORM|} t", c);
            }
        }
        """);
}
