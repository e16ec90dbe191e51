using System.Threading.Tasks;

namespace YbMigrationAnalyzers.Tests;

/// <summary>Where SQL is found: by symbol, for PostgreSQL connections only.</summary>
public class TargetTests
{
    [Fact]
    public Task CommandText_assignments_on_Npgsql_and_abstract_commands() => Verify.Analyze("""
        using System.Data;
        using System.Data.Common;
        using Npgsql;
        class C
        {
            void M(NpgsqlConnection c, DbCommand db, IDbCommand idb)
            {
                var cmd = c.CreateCommand();
                cmd.CommandText = "CREATE INDEX i ON t USING {|YB1003:gist|} (g)";
                db.CommandText = "CREATE INDEX i ON t USING {|YB1003:brin|} (g)";
                idb.CommandText = "CREATE INDEX i ON t USING {|YB1003:spgist|} (g)";
                using var init = new NpgsqlCommand { Connection = c, CommandText = "CREATE INDEX i ON t USING {|YB1003:gist|} (h)" };
            }
        }
        """);

    [Fact]
    public Task Data_source_and_batch_commands() => Verify.Analyze("""
        using Npgsql;
        class C
        {
            void M(NpgsqlDataSource source)
            {
                using var cmd = source.CreateCommand("CREATE INDEX i ON t USING {|YB1003:gist|} (g)");
                var batch = new NpgsqlBatchCommand("CREATE INDEX i ON t USING {|YB1003:brin|} (g)");
            }
        }
        """);

    [Fact]
    public Task Dapper_calls_with_at_placeholders_keep_later_positions() => Verify.Analyze("""
        using System.Threading.Tasks;
        using Dapper;
        using Npgsql;
        class C
        {
            async Task M(NpgsqlConnection c)
            {
                c.Execute("UPDATE t SET a = @from WHERE b = @to; CREATE INDEX i ON t USING {|YB1003:gist|} (g)", new { from = 1, to = 2 });
                await c.QueryAsync<int>("SELECT @from; CREATE INDEX i ON t USING {|YB1003:brin|} (g)", new { from = 1 });
                c.ExecuteScalar<int>(new CommandDefinition("SELECT @from; CREATE INDEX i ON t USING {|YB1003:spgist|} (g)"));
            }
        }
        """);

    [Fact]
    public Task At_inside_strings_comments_and_operators_is_not_a_placeholder() => Verify.Analyze("""
        using Dapper;
        using Npgsql;
        class C
        {
            void M(NpgsqlConnection c)
            {
                c.Execute("SELECT 'a@b' , \"x@y\", a @> b, @@ 1 -- @z\n; CREATE INDEX i ON t USING {|YB1003:gist|} (g)");
            }
        }
        """);

    [Fact]
    public Task Sql_for_SqlClient_is_not_checked() => Verify.Analyze("""
        using System.Data;
        using Dapper;
        using Npgsql;

        namespace Microsoft.Data.SqlClient
        {
            public sealed class SqlConnection : IDbConnection
            {
                public string ConnectionString { get; set; } = "";
                public int ConnectionTimeout => 0;
                public string Database => "";
                public ConnectionState State => ConnectionState.Closed;
                public IDbTransaction BeginTransaction() => throw null!;
                public IDbTransaction BeginTransaction(IsolationLevel il) => throw null!;
                public void ChangeDatabase(string databaseName) { }
                public void Close() { }
                public IDbCommand CreateCommand() => throw null!;
                public void Open() { }
                public void Dispose() { }
            }
        }

        class C
        {
            void M(Microsoft.Data.SqlClient.SqlConnection sql, NpgsqlConnection pg)
            {
                sql.Execute("CREATE INDEX i ON t USING gist (g)");
                pg.Execute("CREATE INDEX i ON t USING {|YB1003:gist|} (g)");
            }
        }
        """);

    [Fact]
    public Task StringSyntax_on_parameters_and_members() => Verify.Analyze("""
        using System.Diagnostics.CodeAnalysis;
        class Repo
        {
            [StringSyntax("PostgreSQL")]
            public string Query { get; set; } = "CREATE INDEX i ON t USING {|YB1003:gist|} (g)";

            public static void Run([StringSyntax("Sql")] string sql) { }

            public static void Plain(string text) { }

            void M()
            {
                Query = "CREATE INDEX i ON t USING {|YB1003:brin|} (g)";
                Run("CREATE INDEX i ON t USING {|YB1003:spgist|} (g)");
                Plain("CREATE INDEX i ON t USING gist (g)");
            }
        }
        """);

    [Fact]
    public Task No_database_library_no_diagnostics_for_plain_strings() => Verify.Analyze("""
        class C
        {
            string M() => "CREATE INDEX i ON t USING gist (g)";
        }
        """);
}
