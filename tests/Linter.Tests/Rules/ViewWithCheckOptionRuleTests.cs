namespace YbMigrate.Linter.Tests.Rules;

public class ViewWithCheckOptionRuleTests
{
    [Fact]
    public void Flags_every_form_of_the_check_option()
    {
        var findings = LintAssert.Flags(
            "YB1045",
            """
            CREATE VIEW active_customers AS SELECT * FROM customers WHERE active [|WITH CHECK OPTION|];
            create or replace view app.local_customers as select * from app.customers where region = 'eu' [|with local check option|];
            CREATE VIEW big_orders AS SELECT * FROM orders WHERE total > 100 [|WITH CASCADED CHECK OPTION|];
            CREATE VIEW recent_orders WITH ([|check_option|] = local) AS SELECT * FROM orders WHERE placed > now() - interval '1 day';
            ALTER VIEW recent_orders SET ([|check_option|] = cascaded);
            """);
        Assert.StartsWith("WITH CHECK OPTION is", findings[0].Message);
        Assert.StartsWith("WITH LOCAL CHECK OPTION is", findings[1].Message);
        Assert.StartsWith("The view option check_option = local is", findings[3].Message);
    }

    [Fact]
    public void Does_not_flag_views_without_check_option_or_reset() =>
        LintAssert.Clean(
            "YB1045",
            """
            CREATE VIEW active_customers AS SELECT * FROM customers WHERE active;
            CREATE VIEW checks AS SELECT check_option FROM view_settings;
            CREATE VIEW safe WITH (security_barrier = true) AS SELECT * FROM customers;
            ALTER VIEW active_customers RESET (check_option);
            CREATE TABLE orders (id int PRIMARY KEY, total numeric CHECK (total >= 0));
            """);
}
