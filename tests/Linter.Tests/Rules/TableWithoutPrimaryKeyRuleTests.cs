namespace YbMigrate.Linter.Tests.Rules;

public class TableWithoutPrimaryKeyRuleTests
{
    [Fact]
    public void Flags_tables_without_any_key()
    {
        var findings = LintAssert.Flags(
            "YB4002",
            """
            CREATE TABLE [|audit_log|] (at timestamptz, message text);
            create unlogged table [|app.notes|] (body text unique, id int references audit_log);
            CREATE TABLE [|measurements|] (at timestamptz, value float8) PARTITION BY RANGE (at);
            """);
        Assert.All(findings, f => Assert.Contains("has no primary key", f.Message));
    }

    [Fact]
    public void Flags_a_primary_key_added_by_a_later_alter_table_with_its_own_message()
    {
        var findings = LintAssert.Flags(
            "YB4002",
            """
            CREATE TABLE [|public.orders|] (id bigint NOT NULL, placed_at timestamptz);
            COPY public.orders (id, placed_at) FROM '/data/orders.csv' WITH (FORMAT csv);
            ALTER TABLE ONLY public.orders ADD CONSTRAINT orders_pkey PRIMARY KEY (id);
            """);
        Assert.Contains("later ALTER TABLE", findings[0].Message);
        Assert.DoesNotContain("has no primary key", findings[0].Message);
    }

    [Fact]
    public void Flags_create_table_as_only_when_a_primary_key_is_added_later()
    {
        var findings = LintAssert.Flags(
            "YB4002",
            """
            CREATE TABLE [|order_totals|] AS SELECT 1 AS id, 2 AS total;
            ALTER TABLE order_totals ADD PRIMARY KEY (id);
            CREATE TABLE scratch AS SELECT 1 AS id;
            SELECT 1 AS id INTO report_copy;
            """);
        Assert.Contains("INSERT .. SELECT", findings[0].Message);
    }

    [Fact]
    public void Does_not_flag_keyed_partition_temporary_or_like_tables() =>
        LintAssert.Clean(
            "YB4002",
            """
            CREATE TABLE a (id int PRIMARY KEY);
            CREATE TABLE b (id int, name text, CONSTRAINT b_pkey PRIMARY KEY (id, name));
            CREATE TABLE m (at date, id int, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
            CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
            CREATE TEMP TABLE work (id int);
            CREATE TEMPORARY TABLE work2 AS SELECT 1 AS id;
            CREATE TABLE b_copy (LIKE b INCLUDING ALL);
            CREATE MATERIALIZED VIEW mv AS SELECT 1 AS id;
            CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $$ DECLARE x int; BEGIN SELECT 1 INTO STRICT x; CREATE TEMP TABLE t_tmp (a int); END $$;
            """);

    [Fact]
    public void Does_not_flag_the_chinook_script() =>
        LintAssert.Clean("YB4002", ChinookScript.Text);
}
