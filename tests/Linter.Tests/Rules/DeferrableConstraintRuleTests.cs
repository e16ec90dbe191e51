namespace YbMigrate.Linter.Tests.Rules;

public class DeferrableConstraintRuleTests
{
    [Fact]
    public void Flags_deferrable_column_constraints()
    {
        var findings = LintAssert.Flags(
            "YB1009",
            """
            CREATE TABLE slots (
              id int PRIMARY KEY [|DEFERRABLE|] INITIALLY DEFERRED,
              position int unique [|deferrable|],
              rank int UNIQUE [|INITIALLY DEFERRED|] REFERENCES ranks DEFERRABLE,
              size int CHECK (size > 0) [|DEFERRABLE|]
            );
            """);
        Assert.Contains("PRIMARY KEY", findings[0].Message);
        Assert.Contains("CHECK", findings[3].Message);
    }

    [Fact]
    public void Flags_deferrable_table_constraints_in_create_and_alter_table() =>
        LintAssert.Flags(
            "YB1009",
            """
            CREATE TABLE slots (id int, position int, CONSTRAINT slots_pkey PRIMARY KEY (id) [|DEFERRABLE|] INITIALLY IMMEDIATE);
            ALTER TABLE sales.slots ADD CONSTRAINT slots_position_key UNIQUE (position) [|DEFERRABLE|], ADD COLUMN note text;
            ALTER TABLE slots ADD UNIQUE (id, position) [|INITIALLY DEFERRED|];
            ALTER TABLE slots ADD COLUMN code text UNIQUE [|DEFERRABLE|];
            """);

    [Fact]
    public void Does_not_flag_deferrable_foreign_keys_or_not_deferrable_keys() =>
        LintAssert.Clean(
            "YB1009",
            """
            CREATE TABLE slots (
              id int PRIMARY KEY NOT DEFERRABLE,
              owner int REFERENCES owners DEFERRABLE INITIALLY DEFERRED,
              board int,
              FOREIGN KEY (board) REFERENCES boards (id) DEFERRABLE
            );
            ALTER TABLE slots ADD CONSTRAINT slots_owner_fk FOREIGN KEY (owner) REFERENCES owners (id) DEFERRABLE INITIALLY DEFERRED;
            """);

    [Fact]
    public void Fix_removes_the_deferrable_clause_and_keeps_comments() =>
        LintAssert.Fixes(
            "YB1009",
            """
            CREATE TABLE slots (
              id int PRIMARY KEY DEFERRABLE INITIALLY DEFERRED, -- swapped in batches
              position int UNIQUE DEFERRABLE
            );
            ALTER TABLE slots ADD CONSTRAINT slots_k UNIQUE (id, position) DEFERRABLE INITIALLY IMMEDIATE;
            """,
            """
            CREATE TABLE slots (
              id int PRIMARY KEY, -- swapped in batches
              position int UNIQUE
            );
            ALTER TABLE slots ADD CONSTRAINT slots_k UNIQUE (id, position);
            """);
}
