using Pipeline.Core.Diagnostics;

namespace Pipeline.Core.Tests.Diagnostics;

public sealed class DiagnosticTests
{
    [Fact]
    public void Canonical_form_names_file_line_and_code()
    {
        var d = new Diagnostic(Severity.Error, PipeCodes.DuplicateKey, "duplicate key 'seed'", "lineage.json", 4);

        Assert.Equal("lineage.json(4): error PIPE2002: duplicate key 'seed'", d.Canonical());
    }

    [Fact]
    public void User_text_cannot_start_a_line_of_its_own()
    {
        // A record's value quoted in a message must not become a workflow command on the runner.
        var d = new Diagnostic(Severity.Error, PipeCodes.JsonSyntax, "bad value 'x\n::stop-commands::t\r\n::notice::ok'", "r.json", 2);

        var line = d.Canonical();

        Assert.DoesNotContain('\n', line);
        Assert.DoesNotContain('\r', line);
        Assert.EndsWith(@"'x\n::stop-commands::t\r\n::notice::ok'", line);
    }
}
