using Pipeline.GitHub.Checks;
using Pipeline.GitHub.Tests.FakeGitHub;

namespace Pipeline.GitHub.Tests.Checks;

public sealed class CheckRunTests
{
    [Fact]
    public async Task One_hundred_twenty_findings_go_out_as_50_50_20_with_the_conclusion_only_on_the_last_call()
    {
        using var f = new ReporterFixture();
        var result = await f.Reporter().ReportAsync(ReporterFixture.Report(120));

        Assert.Equal(ReportChannel.CheckRun, result.Channel);
        Assert.Equal("check-run", result.ChannelName);
        Assert.Equal(120, result.AnnotationsSent);
        var calls = f.Server.Sent.Where(r => r.Path.Contains("/check-runs", StringComparison.Ordinal)).ToList();
        Assert.Equal(["POST", "PATCH", "PATCH"], calls.Select(c => c.Method));
        Assert.Equal("/api/v3/repos/octo/models/check-runs", calls[0].Path);
        Assert.Equal($"/api/v3/repos/octo/models/check-runs/{result.CheckRunId}", calls[1].Path);
        Assert.Equal([50, 50, 20], calls.Select(c => c.Json.GetProperty("output").GetProperty("annotations").GetArrayLength()));

        var create = calls[0].Json;
        Assert.Equal(ReporterFixture.HeadSha, create.GetProperty("head_sha").GetString());
        Assert.Equal("pipeline/verify", create.GetProperty("name").GetString());
        Assert.Equal("in_progress", create.GetProperty("status").GetString());
        Assert.False(create.TryGetProperty("conclusion", out _));
        Assert.False(calls[1].Json.TryGetProperty("conclusion", out _));
        Assert.False(calls[1].Json.TryGetProperty("head_sha", out _));
        Assert.Equal("failure", calls[2].Json.GetProperty("conclusion").GetString());
        Assert.Equal("completed", calls[2].Json.GetProperty("status").GetString());

        var first = create.GetProperty("output").GetProperty("annotations")[0];
        Assert.Equal("registry/m/v0.0.1.json", first.GetProperty("path").GetString());
        Assert.Equal(1, first.GetProperty("start_line").GetInt32());
        Assert.Equal(1, first.GetProperty("end_line").GetInt32());
        Assert.Equal("failure", first.GetProperty("annotation_level").GetString());
        Assert.Equal("PIPE6001", first.GetProperty("title").GetString());
        Assert.Contains("re-register", first.GetProperty("raw_details").GetString());
        Assert.Equal("https://github.example/octo/models/actions/runs/99", create.GetProperty("details_url").GetString());
    }

    [Fact]
    public async Task A_small_report_is_one_completed_create_with_the_token_in_the_header_and_nowhere_else()
    {
        using var f = new ReporterFixture();
        var result = await f.Reporter().ReportAsync(ReporterFixture.Report(3, ReportConclusion.Success));

        var create = Assert.Single(f.Server.Sent, r => r.Path.Contains("/check-runs", StringComparison.Ordinal));
        Assert.Equal("success", create.Json.GetProperty("conclusion").GetString());
        Assert.Equal("completed", create.Json.GetProperty("status").GetString());
        Assert.Equal(3, create.Json.GetProperty("output").GetProperty("annotations").GetArrayLength());
        Assert.Equal("Token " + ReporterFixture.Token, create.Header("Authorization"));
        Assert.Contains("application/vnd.github", create.Header("Accept"));
        Assert.Equal(ReportChannel.CheckRun, result.Channel);

        // The mask is the very first thing printed, and the token appears nowhere else.
        var lines = f.Stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("::add-mask::" + ReporterFixture.Token, lines[0]);
        Assert.Single(lines, l => l.Contains(ReporterFixture.Token, StringComparison.Ordinal));
        Assert.DoesNotContain(ReporterFixture.Token, f.Summary);
        Assert.All(f.Server.Sent, r => Assert.DoesNotContain(ReporterFixture.Token, r.Body));
    }

    [Fact]
    public async Task No_token_means_no_api_call_only_annotations_and_summary()
    {
        using var f = new ReporterFixture();
        var result = await f.Reporter(token: null).ReportAsync(ReporterFixture.Report(2));
        Assert.Equal(ReportChannel.Annotations, result.Channel);
        Assert.Empty(f.Server.Sent);
        Assert.Contains(
            "::error title=PIPE6001,file=registry/m/v0.0.1.json,line=1::fingerprint does not recompute #1%0Afix: re-register from a clean tree",
            f.Stdout.ToString());
        Assert.Contains("| ❌ | PIPE6001 |", f.Summary);
    }

    [Fact]
    public async Task Enterprise_api_url_is_used_as_given()
    {
        using var server = new FakeGitHubServer();
        using var f = new ReporterFixture(apiUrl: server.ApiUrl + "/");
        await f.Reporter().ReportAsync(ReporterFixture.Report(1));
        Assert.True(f.Server.Sent.Count == 0, $"sent to the wrong fake ({f.Server.Port} vs {server.Port}): {string.Join(", ", f.Server.Sent)}");
        Assert.Contains(server.Sent, r => r.Method == "POST" && r.Path == "/api/v3/repos/octo/models/check-runs");
    }

    [Fact]
    public async Task Findings_without_a_path_stay_in_the_table_but_are_not_annotations()
    {
        using var f = new ReporterFixture();
        var report = ReporterFixture.Report(1) with
        {
            Findings = [
                .. ReporterFixture.Report(1).Findings,
                new Finding(null, null, "PIPE6009", "gate file edited", null, Pipeline.Core.Diagnostics.Severity.Warning)]
        };
        var result = await f.Reporter().ReportAsync(report);
        Assert.Equal(1, result.AnnotationsSent);
        Assert.Contains("gate file edited", f.Summary);
    }
}
