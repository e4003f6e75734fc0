using Pipeline.GitHub.Checks;
using Pipeline.GitHub.Tests.FakeGitHub;

namespace Pipeline.GitHub.Tests.Checks;

/// <summary>Issue 16.2: a check run left in_progress blocks a required check forever; it is completed in every path.</summary>
public sealed class CompletionTests
{
    [Fact]
    public async Task A_later_annotation_batch_that_fails_still_leaves_the_run_completed_with_its_conclusion()
    {
        using var f = new ReporterFixture();
        var patches = 0;
        // The second update (annotations 101-150) fails; GitHub answers 502 when it gives up inside.
        f.Server.Fail(
            new ScriptedFailure(
                r => r.Method == "PATCH" && r.Path.Contains("/check-runs/", StringComparison.Ordinal) && ++patches == 2,
                FailureKind.BadGateway));
        var result = await f.Reporter().ReportAsync(ReporterFixture.Report(200));

        var run = Assert.Single(f.Server.CheckRuns);
        Assert.Equal("completed", run.Status);
        Assert.Equal("failure", run.Conclusion);
        Assert.Equal(ReportChannel.CheckRun, result.Channel);
        // 150 reached the run; the missing 50 were reported and printed as workflow commands instead.
        Assert.Equal(150, run.Annotations.Count);
        var note = Assert.Single(result.Notes, n => n.Code.Number == 5013);
        Assert.Contains("50 annotation(s)", note.Message);
        Assert.Contains("annotation(s) could not be attached", run.Summary);
        Assert.Contains("::error title=PIPE6001,file=registry/m/v0.0.", f.Stdout.ToString());
    }

    [Fact]
    public async Task A_success_is_not_turned_into_a_failure_by_a_lost_batch()
    {
        using var f = new ReporterFixture();
        var patches = 0;
        f.Server.Fail(new ScriptedFailure(r => r.Method == "PATCH" && ++patches == 1, FailureKind.BadGateway));
        await f.Reporter().ReportAsync(ReporterFixture.Report(120, ReportConclusion.Success));

        var run = Assert.Single(f.Server.CheckRuns);
        Assert.Equal("completed", run.Status);
        Assert.Equal("success", run.Conclusion);
        Assert.Equal(70, run.Annotations.Count);
    }
}
