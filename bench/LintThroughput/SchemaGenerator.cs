using System.Text;

namespace YbMigrate.Bench;

/// <summary>A generated application schema and workload: tables, keys, indexes, data, queries and functions.</summary>
internal static class SchemaGenerator
{
    private const int WorkloadTables = 100;

    /// <summary>A script of about <paramref name="statements"/> statements (6 per table, plus a function every 50 tables).</summary>
    public static (string Script, int Statements) Generate(int statements)
    {
        var sql = new StringBuilder();
        var count = 0;
        for (var i = 0; count < statements; i++)
        {
            count += AppendTable(sql, i) + AppendQueries(sql, i);
            if (i % 50 == 0)
            {
                sql.Append($"CREATE FUNCTION app.touch_{i}(p bigint) RETURNS void LANGUAGE plpgsql AS $$\nBEGIN\n  UPDATE app.t_{i} SET created_at = now() WHERE id = p;\n  PERFORM pg_notify('t_{i}', p::text);\nEND\n$$;\n");
                count++;
            }
        }

        return (sql.ToString(), count);
    }

    /// <summary>
    /// The same statements over a schema that stops growing: 100 tables, then only their inserts,
    /// queries and updates up to about <paramref name="statements"/> statements, none of which adds to the catalog.
    /// </summary>
    public static (string Script, int Statements) GenerateWorkload(int statements)
    {
        var sql = new StringBuilder();
        var count = 0;
        for (var i = 0; i < WorkloadTables; i++)
        {
            count += AppendTable(sql, i);
        }

        for (var i = 0; count < statements; i++)
        {
            count += AppendQueries(sql, i % WorkloadTables);
        }

        return (sql.ToString(), count);
    }

    // The table, an index and a foreign key to the previous table: 3 statements.
    private static int AppendTable(StringBuilder sql, int i)
    {
        sql.Append($"CREATE TABLE app.t_{i} (id bigint PRIMARY KEY, name text NOT NULL, created_at timestamptz NOT NULL DEFAULT now(), payload jsonb, parent_id bigint, status int CHECK (status BETWEEN 0 AND 9));\n");
        sql.Append(i % 100 == 0
            ? $"CREATE INDEX t_{i}_payload_idx ON app.t_{i} USING gist (payload);\n"
            : $"CREATE INDEX t_{i}_name_idx ON app.t_{i} (name, created_at);\n");
        sql.Append(i == 0
            ? "SELECT 1;\n"
            : $"ALTER TABLE app.t_{i} ADD CONSTRAINT t_{i}_parent_fk FOREIGN KEY (parent_id) REFERENCES app.t_{i - 1} (id);\n");
        return 3;
    }

    // An insert, a query and an update of the table: 3 statements.
    private static int AppendQueries(StringBuilder sql, int i)
    {
        sql.Append($"INSERT INTO app.t_{i} (id, name, payload) VALUES (1, 'first ''row''', '{{\"k\": 1}}'), (2, 'second', NULL);\n");
        sql.Append($"SELECT t.id, t.name, count(*) OVER () FROM app.t_{i} t WHERE t.created_at > now() - interval '1 day' AND t.status IN (1, 2, 3) ORDER BY t.id LIMIT 10;\n");
        sql.Append($"UPDATE app.t_{i} SET name = upper(name), status = status + 1 WHERE id = 42 RETURNING id;\n");
        return 3;
    }
}
