using System.Linq;

namespace YbMigrate.Linter.Tests.Rules;

public class ListenNotifyRuleTests
{
    [Fact]
    public void Flags_listen_notify_with_the_preview_flag_at_the_default_target()
    {
        var findings = LintAssert.Flags(
            "YB3015",
            """
            [|LISTEN|] orders;
            [|NOTIFY|] orders, 'created';
            [|unlisten|] *;
            SELECT [|pg_notify|]('orders', 'created');
            """);
        Assert.All(findings, f => Assert.Contains("ysql_yb_enable_listen_notify", f.Message));
    }

    [Fact]
    public void Flags_without_a_preview_note_before_2025_2_3()
    {
        var findings = LintAssert.Flags("YB3015", "[|LISTEN|] orders;", target: "2025.2.2");
        Assert.DoesNotContain("ysql_yb_enable_listen_notify", findings.Single().Message);
    }

    [Fact]
    public void Flags_notifications_in_function_bodies() =>
        LintAssert.Flags(
            "YB3015",
            """
            CREATE FUNCTION order_created() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              PERFORM [|pg_notify|]('orders', NEW.id::text);
              RETURN NEW;
            END $$;
            CREATE FUNCTION ping() RETURNS void LANGUAGE sql AS $$ [|NOTIFY|] pings $$;
            """);

    [Fact]
    public void Does_not_flag_similar_names() =>
        LintAssert.Clean("YB3015", "SELECT notify_count, pg_notification_queue_usage(), 'LISTEN x' FROM t;");
}
