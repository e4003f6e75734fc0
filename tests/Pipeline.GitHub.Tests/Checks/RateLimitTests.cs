using Pipeline.GitHub.Checks;
using Pipeline.GitHub.Http;
using Pipeline.GitHub.Tests.FakeGitHub;

namespace Pipeline.GitHub.Tests.Checks;

/// <summary>
/// Issue 16.3: GitHub answers rate limits with 403 (or 429), like a missing permission. They are waited out within a
/// budget, honouring Retry-After / X-RateLimit-Reset, and reported as rate limits, never as "add checks: write".
/// </summary>
public sealed class RateLimitTests
{
    [Theory]
    [InlineData(FailureKind.SecondaryRateLimit)]
    [InlineData(FailureKind.TooManyRequests)]
    public async Task A_rate_limited_batch_is_retried_after_Retry_After_and_the_run_completes(FailureKind kind)
    {
        using var f = new ReporterFixture();
        var waits = new List<TimeSpan>();
        f.Server.Fail(
            new ScriptedFailure(r => r.Method == "PATCH" && r.Path.Contains("/check-runs/", StringComparison.Ordinal), kind, Times: 2, Seconds: 7));
        var result = await f.Reporter(ReporterFixture.RecordingRetry(waits)).ReportAsync(ReporterFixture.Report(120));

        Assert.Equal([TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(7)], waits);
        var run = Assert.Single(f.Server.CheckRuns);
        Assert.Equal("completed", run.Status);
        Assert.Equal(120, run.Annotations.Count);
        Assert.Empty(result.Notes);
        Assert.Equal(ReportChannel.CheckRun, result.Channel);
    }

    [Fact]
    public async Task A_primary_limit_waits_until_the_reset_time()
    {
        using var f = new ReporterFixture();
        var waits = new List<TimeSpan>();
        f.Server.Fail(new ScriptedFailure(r => r.Method == "POST", FailureKind.PrimaryRateLimit, Seconds: 20));
        var result = await f.Reporter(ReporterFixture.RecordingRetry(waits)).ReportAsync(ReporterFixture.Report(3));

        var wait = Assert.Single(waits);
        Assert.InRange(wait.TotalSeconds, 18, 22);
        Assert.Equal("completed", Assert.Single(f.Server.CheckRuns).Status);
        Assert.Empty(result.Notes);
    }

    [Fact]
    public async Task A_limit_beyond_the_budget_is_reported_as_a_rate_limit_not_a_permission()
    {
        using var f = new ReporterFixture();
        var waits = new List<TimeSpan>();
        f.Server.Fail(new ScriptedFailure(_ => true, FailureKind.PrimaryRateLimit, Times: 100, Seconds: 3000));
        var result = await f.Reporter(ReporterFixture.RecordingRetry(waits)).ReportAsync(ReporterFixture.Report(3));

        Assert.Empty(waits);
        var note = Assert.Single(result.Notes);
        Assert.Equal(5021, note.Code.Number);
        Assert.Contains("primary rate limit", note.Message);
        Assert.DoesNotContain("checks: write", note.Hint ?? "");
        // The same token is limited everywhere: no status fallback, no comment; the verdict goes to the log.
        Assert.DoesNotContain(
            f.Server.Sent,
            r => r.Path.Contains("/statuses/", StringComparison.Ordinal) || r.Path.Contains("/comments", StringComparison.Ordinal));
        Assert.Equal(ReportChannel.Annotations, result.Channel);
        Assert.Contains("::error title=PIPE6001,file=registry/m/v0.0.1.json,line=1::", f.Stdout.ToString());
    }

    [Fact]
    public async Task A_secondary_limit_that_outlasts_the_attempts_is_a_rate_limit_note()
    {
        using var f = new ReporterFixture();
        var waits = new List<TimeSpan>();
        f.Server.Fail(new ScriptedFailure(_ => true, FailureKind.SecondaryRateLimit, Times: 100, Seconds: 5));
        var result = await f.Reporter(ReporterFixture.RecordingRetry(waits, attempts: 3)).ReportAsync(ReporterFixture.Report(3));

        Assert.Equal(2, waits.Count);
        Assert.Equal([5021], result.Notes.Select(n => n.Code.Number));
        Assert.Contains("secondary rate limit", result.Notes[0].Message);
    }

    [Fact]
    public async Task The_default_client_really_waits_Retry_After()
    {
        using var f = new ReporterFixture();
        f.Server.Fail(
            new ScriptedFailure(
                r => r.Method == "POST" && r.Path.EndsWith("/check-runs", StringComparison.Ordinal),
                FailureKind.SecondaryRateLimit,
                Seconds: 1));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = await f.Reporter(RetryPolicy.Default).ReportAsync(ReporterFixture.Report(1));

        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.9), clock.Elapsed.ToString());
        Assert.Equal(ReportChannel.CheckRun, result.Channel);
        Assert.Equal(2, f.Server.Sent.Count(r => r.Method == "POST" && r.Path.EndsWith("/check-runs", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_permission_403_is_not_retried()
    {
        using var f = new ReporterFixture();
        f.Server.ForbidCheckRuns = true;
        var waits = new List<TimeSpan>();
        var result = await f.Reporter(ReporterFixture.RecordingRetry(waits)).ReportAsync(ReporterFixture.Report(1));

        Assert.Empty(waits);
        Assert.Single(f.Server.Sent, r => r.Path.EndsWith("/check-runs", StringComparison.Ordinal));
        Assert.Equal(5010, result.Notes[0].Code.Number);
    }
}
