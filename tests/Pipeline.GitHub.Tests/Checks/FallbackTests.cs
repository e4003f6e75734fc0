using Pipeline.GitHub.Checks;
using Pipeline.GitHub.Tests.FakeGitHub;

namespace Pipeline.GitHub.Tests.Checks;

public sealed class FallbackTests
{
    [Fact]
    public async Task A_forbidden_check_run_falls_back_to_a_commit_status_on_the_head_sha()
    {
        using var f = new ReporterFixture();
        f.Server.ForbidCheckRuns = true;
        var result = await f.Reporter().ReportAsync(ReporterFixture.Report(3));

        Assert.Equal(ReportChannel.CommitStatus, result.Channel);
        Assert.Equal("commit-status", result.ChannelName);
        var order = f.Server.Sent.Where(r => r.Method == "POST").Select(r => r.Path).ToList();
        Assert.Equal("/api/v3/repos/octo/models/check-runs", order[0]);
        Assert.Equal($"/api/v3/repos/octo/models/statuses/{ReporterFixture.HeadSha}", order[1]);
        var status = f.Server.Sent.Single(r => r.Path.Contains("/statuses/", StringComparison.Ordinal)).Json;
        Assert.Equal("failure", status.GetProperty("state").GetString());
        Assert.Equal("pipeline/verify", status.GetProperty("context").GetString());
        Assert.True(status.GetProperty("description").GetString()!.Length <= 140);
        Assert.Contains(result.Notes, n => n.Code.Number == 5010 && n.Message.Contains(FakeGitHubServer.ForbiddenMessage, StringComparison.Ordinal));
        // No line annotations on a status, so the workflow commands carry them.
        Assert.Contains("file=registry/m/v0.0.2.json,line=2::", f.Stdout.ToString());
        Assert.Equal(3, result.AnnotationsSent);
    }

    [Fact]
    public async Task When_the_status_is_forbidden_too_it_ends_with_annotations_summary_and_says_so()
    {
        using var f = new ReporterFixture();
        f.Server.ForbidCheckRuns = true;
        f.Server.ForbidStatuses = true;
        f.Server.ForbidComments = true;
        var result = await f.Reporter().ReportAsync(ReporterFixture.Report(25));

        Assert.Equal(ReportChannel.Annotations, result.Channel);
        Assert.Equal([5010, 5011, 5012], result.Notes.Select(n => n.Code.Number));
        Assert.Null(result.CheckRunId);
        Assert.Null(result.CommentId);
        var stdout = f.Stdout.ToString();
        // GitHub shows 10 per level per step: the rest are counted in one notice, and all 25 are in the summary.
        Assert.Equal(10, stdout.Split('\n').Count(l => l.StartsWith("::error ", StringComparison.Ordinal)));
        Assert.Contains("::notice title=pipeline/verify::15 more finding(s)", stdout);
        Assert.Contains("#25", f.Summary);
        Assert.DoesNotContain(ReporterFixture.Token, stdout[stdout.IndexOf('\n')..]);
    }

    [Fact]
    public async Task An_unreachable_api_is_a_note_and_the_annotations_channel_not_a_crash()
    {
        using var f = new ReporterFixture(apiUrl: "http://127.0.0.1:1/api/v3");
        var result = await f.Reporter().ReportAsync(ReporterFixture.Report(1));
        Assert.Equal(ReportChannel.Annotations, result.Channel);
        Assert.Equal([5020], result.Notes.Select(n => n.Code.Number));
        Assert.Contains("file=registry/m/v0.0.1.json,line=1::", f.Stdout.ToString());
    }
}
