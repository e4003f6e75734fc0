using Pipeline.Core.Canonical;
using Pipeline.Core.Registry;
using static Pipeline.Cli.Tests.Verify.VerifyChangeTests;

namespace Pipeline.Cli.Tests.Verify;

/// <summary>The decision log is append-only too: a change may add lines at its end, never rewrite or drop earlier ones.</summary>
public sealed class VerifyDecisionLogTests
{
    private const string Log = "registry/demo/decisions.jsonl";

    private static string Line(string reason, int second) => new GateHold("demo", "production", SemVer.Parse("v0.0.3"), SemVer.Parse("v0.0.2"), 3,
        DateTimeOffset.FromUnixTimeSeconds(1764085000 + second), "CI <ci@example.com>", reason,
        JsonReader.Parse("""{"schema": "gate-decision-v1", "decision": "hold"}""", "d")).ToLine() + "\n";

    /// <summary>main holds a two-line log; the branch under review changes it to <paramref name="content"/> (null: deletes it).</summary>
    private static CliResult VerifyChange(string? content)
    {
        using var s = new VerifyScenario();
        s.Repo.Git("checkout", "-q", "main");
        s.Repo.Write(Log, Line("first", 0) + Line("second", 1));
        s.Repo.Commit("two holds");
        s.Repo.Git("checkout", "-q", "-B", "change");
        if (content is null)
        {
            s.Repo.Delete(Log);
        }
        else
        {
            s.Repo.Write(Log, content);
        }

        s.Repo.Commit("change the log");
        return s.Verify();
    }

    [Fact]
    public void Appending_a_hold_passes()
    {
        var result = VerifyChange(Line("first", 0) + Line("second", 1) + Line("third", 2));
        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Empty(Findings(result));
    }

    [Fact]
    public void Rewriting_an_earlier_line_fails_at_that_line()
    {
        var result = VerifyChange(Line("first", 0) + Line("second, reworded", 1) + Line("third", 2));
        Assert.Equal(1, result.ExitCode);
        var finding = Assert.Single(Findings(result));
        Assert.Equal(("PIPE3904", Log, 2, "error"), (finding.Code, finding.Path, finding.Line, finding.Severity));
        Assert.Contains("PIPE3904", result.Stderr);
    }

    [Fact]
    public void Dropping_the_last_line_fails()
    {
        var result = VerifyChange(Line("first", 0));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(Findings(result), f => f.Code == "PIPE3904" && f.Line == 2);
    }

    [Fact]
    public void Deleting_the_log_fails()
    {
        var result = VerifyChange(null);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(Findings(result), f => f.Code == "PIPE3905" && f.Path == Log);
    }

    [Fact]
    public void An_appended_line_that_is_no_decision_fails_at_its_line()
    {
        var result = VerifyChange(Line("first", 0) + Line("second", 1) + "{\"kind\": \"gate_pass\"}\n");
        Assert.Equal(1, result.ExitCode);
        var finding = Assert.Single(Findings(result));
        Assert.Equal(("PIPE3906", 3), (finding.Code, finding.Line));
    }
}
