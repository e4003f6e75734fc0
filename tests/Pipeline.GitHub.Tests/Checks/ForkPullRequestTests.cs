using Pipeline.GitHub.Checks;
using Pipeline.GitHub.Tests.FakeGitHub;

namespace Pipeline.GitHub.Tests.Checks;

/// <summary>
/// A pull request from a fork runs with a read-only GITHUB_TOKEN: checks, statuses and comments all answer 403
/// "Resource not accessible by integration". The findings still reach the PR as annotations (workflow commands) and
/// the job's step summary.
/// </summary>
public sealed class ForkPullRequestTests
{
    [Fact]
    public async Task A_fork_pull_request_gets_annotations_and_the_step_summary()
    {
        using var f = new ReporterFixture(headRepo: "mallory/models");
        f.Server.ReadOnlyToken = true;
        var result = await f.Reporter().ReportAsync(ReporterFixture.Report(12));

        Assert.Equal(ReportChannel.Annotations, result.Channel);
        Assert.Empty(f.Server.CheckRuns);
        Assert.Empty(f.Server.Comments);
        Assert.All(f.Server.Refusals, r => Assert.Equal((403, FakeGitHubServer.ForbiddenMessage), (r.Status, r.Message)));
        Assert.Equal([5010, 5011, 5012], result.Notes.Select(n => n.Code.Number));
        var stdout = f.Stdout.ToString();
        Assert.Equal(10, stdout.Split('\n').Count(l => l.StartsWith("::error title=PIPE6001,file=registry/m/v0.0.", StringComparison.Ordinal)));
        Assert.Contains("::notice title=pipeline/verify::2 more finding(s)", stdout);
        Assert.Contains("| ❌ | PIPE6001 |", f.Summary);
        Assert.Contains("#12", f.Summary);
    }
}
