namespace Pipeline.Cli.Tests.Verify;

/// <summary>
/// A record's text is the PR author's: quoted in a finding it must stay on the finding's line. A newline would let it
/// start a line of its own, which the Actions runner reads as a workflow command (::stop-commands::, fake ::error).
/// </summary>
public sealed class VerifyOutputTests
{
    [Theory]
    [InlineData("--json")]
    [InlineData("--no-fetch")]
    public void Values_quoted_from_a_record_cannot_start_a_line(string mode)
    {
        using var s = new VerifyScenario();
        var text = VerifyScenario.Record(s.Fingerprint(), s.ArtifactSha,
            r => r["lineage"]!["data_version"] = "x\n::stop-commands::abc\r\n::notice::all good", refingerprint: true);
        s.Repo.Write("registry/demo/v0.0.1.json", text);
        s.Repo.Commit("register");

        var result = CliRunner.Run(["verify", "--repo", s.Repo.Root, "--base", "main", "--no-fetch", mode]);

        Assert.Equal(1, result.ExitCode);
        var lines = (result.Stdout + "\n" + result.Stderr).Split('\n');
        Assert.DoesNotContain(lines, l => l.TrimStart('\r').StartsWith("::", StringComparison.Ordinal));
        Assert.Contains(@"x\n::stop-commands::abc\r\n::notice::all good", result.Stderr, StringComparison.Ordinal);
    }
}
