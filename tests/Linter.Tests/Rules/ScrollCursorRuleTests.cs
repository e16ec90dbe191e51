namespace YbMigrate.Linter.Tests.Rules;

public class ScrollCursorRuleTests
{
    [Fact]
    public void Flags_backward_and_absolute_movement() =>
        LintAssert.Flags(
            "YB3018",
            """
            FETCH [|PRIOR|] FROM c;
            FETCH [|ABSOLUTE 3|] IN c;
            MOVE [|BACKWARD 2|] FROM c;
            FETCH [|-5|] FROM c;
            fetch [|last|] c;
            FETCH [|FIRST|] FROM c;
            FETCH [|RELATIVE -1|] FROM c;
            FETCH [|FORWARD -1|] FROM c;
            """);

    [Fact]
    public void Flags_where_current_of() =>
        LintAssert.Flags(
            "YB3018",
            """
            UPDATE orders SET status = 'seen' WHERE [|CURRENT OF|] orders_cursor;
            DELETE FROM orders WHERE [|current of|] orders_cursor;
            """);

    [Fact]
    public void Flags_where_current_of_inside_a_plpgsql_body() =>
        LintAssert.Flags(
            "YB3018",
            """
            CREATE FUNCTION mark_seen() RETURNS void LANGUAGE plpgsql AS $$
            DECLARE orders_cursor CURSOR FOR SELECT * FROM orders FOR UPDATE;
            BEGIN
              UPDATE orders SET status = 'seen' WHERE [|CURRENT OF|] orders_cursor;
            END $$;
            """);

    [Fact]
    public void Does_not_flag_forward_movement() =>
        LintAssert.Clean(
            "YB3018",
            """
            FETCH c;
            FETCH NEXT FROM c;
            FETCH 5 FROM c;
            FETCH FORWARD 10 FROM c;
            FETCH FORWARD FROM c;
            FETCH ALL FROM c;
            MOVE FORWARD ALL IN c;
            UPDATE orders SET status = 'seen' WHERE id = 1;
            """);
}
