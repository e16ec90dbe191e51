namespace YbMigrate.Linter.Tests.Rules;

public class LargeObjectFunctionRuleTests
{
    [Fact]
    public void Flags_large_object_calls() =>
        LintAssert.Flags(
            "YB3008",
            """
            INSERT INTO documents (id, body_oid) VALUES (1, [|lo_import|]('/tmp/report.pdf'));
            SELECT [|LOREAD|]([|lo_open|](body_oid, 262144), 1024), [|lo_get|](body_oid) FROM documents;
            SELECT pg_catalog.[|lo_unlink|](body_oid) FROM documents;
            """);

    [Fact]
    public void Flags_a_lo_manage_trigger() =>
        LintAssert.Flags(
            "YB3008",
            "CREATE TRIGGER lo_manage BEFORE UPDATE OR DELETE ON images FOR EACH ROW EXECUTE FUNCTION [|lo_manage|](raster);");

    [Fact]
    public void Flags_a_call_in_a_do_block() =>
        LintAssert.Flags("YB3008", "DO $$ BEGIN PERFORM [|lo_unlink|](42); END $$;");

    [Fact]
    public void Does_not_flag_similar_names() =>
        LintAssert.Clean(
            "YB3008",
            """
            SELECT lower(name), log(10, 100), length(data), 'lo_import' FROM documents;
            CREATE TRIGGER audit BEFORE UPDATE ON images FOR EACH ROW EXECUTE FUNCTION audit_row();
            """);
}
