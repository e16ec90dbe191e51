namespace YbMigrate.Linter.Tests.Rules;

public class ForeignKeyTypeMismatchRuleTests
{
    [Fact]
    public void Flags_an_integer_column_referencing_a_bigint_primary_key()
    {
        var findings = LintAssert.Flags(
            "YB4006",
            """
            CREATE TABLE customer (id bigint PRIMARY KEY);
            CREATE TABLE orders (id bigint PRIMARY KEY, [|customer_id|] integer REFERENCES customer);
            """);
        Assert.Contains("\"customer_id\" is integer", findings[0].Message);
        Assert.Contains("\"customer.id\" is bigint", findings[0].Message);
    }

    [Fact]
    public void Flags_named_columns_alter_table_domains_and_a_parent_in_another_file() =>
        LintAssert.Flags(
            "YB4006",
            """
            CREATE DOMAIN small_id AS int4;
            CREATE TABLE shipment (id bigint PRIMARY KEY, order_ref small_id, placed_at timestamp, a int, b int,
                FOREIGN KEY ([|order_ref|]) REFERENCES app.orders (id));
            alter table only shipment add constraint shipment_placed_fkey foreign key ([|placed_at|]) references app.orders (placed_at);
            ALTER TABLE shipment ADD FOREIGN KEY (a, [|b|]) REFERENCES app.pair (x, y);
            """,
            target: null,
            """
            CREATE TABLE app.orders (id bigserial PRIMARY KEY, placed_at timestamptz UNIQUE);
            CREATE TABLE app.pair (x int, y numeric, PRIMARY KEY (x, y));
            """);

    [Fact]
    public void Does_not_flag_serials_against_their_integer_types_varchar_against_text_or_unknown_tables() =>
        LintAssert.Clean(
            "YB4006",
            """
            CREATE DOMAIN big_id AS bigint;
            CREATE TABLE p (id serial PRIMARY KEY, big bigserial UNIQUE, code varchar(10) UNIQUE, amount numeric(10,2) UNIQUE, dom big_id UNIQUE);
            CREATE TABLE c (
                p_id integer REFERENCES p,
                p_big bigint REFERENCES p (big),
                p_code text REFERENCES p (code),
                p_amount numeric(12,2) REFERENCES p (amount),
                p_dom bigint REFERENCES p (dom),
                other_id int REFERENCES not_declared,
                x int REFERENCES p (not_a_column));
            """);

    [Fact]
    public void Does_not_flag_the_chinook_script() =>
        LintAssert.Clean("YB4006", ChinookScript.Text);
}
