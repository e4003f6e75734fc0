using Pipeline.GitHub.Checks;

namespace Pipeline.GitHub.Tests.Checks;

public sealed class StickyCommentTests
{
    [Fact]
    public async Task The_second_run_updates_the_one_comment_instead_of_adding_another()
    {
        using var f = new ReporterFixture();
        f.Server.AddComment(7, "LGTM");
        var first = await f.Reporter().ReportAsync(ReporterFixture.Report(2));
        var second = await f.Reporter().ReportAsync(ReporterFixture.Report(1, ReportConclusion.Success));

        Assert.NotNull(first.CommentId);
        Assert.Equal(first.CommentId, second.CommentId);
        Assert.Single(f.Server.Sent, r => r.Method == "POST" && r.Path == "/api/v3/repos/octo/models/issues/7/comments");
        var patch = Assert.Single(f.Server.Sent, r => r.Method == "PATCH" && r.Path.Contains("/issues/comments/", StringComparison.Ordinal));
        Assert.Equal($"/api/v3/repos/octo/models/issues/comments/{first.CommentId}", patch.Path);
        var mine = Assert.Single(f.Server.Comments, c => c.Body.Contains("<!-- pipeline:verify -->", StringComparison.Ordinal));
        Assert.Contains("✅", mine.Body);
        Assert.Equal(2, f.Server.Comments.Count);
    }

    [Fact]
    public async Task The_marker_is_found_on_a_later_page_through_link_headers()
    {
        using var f = new ReporterFixture();
        f.Server.MaxPerPage = 2;
        for (var i = 0; i < 5; i++)
        {
            f.Server.AddComment(7, $"chatter {i}");
        }

        var existing = f.Server.AddComment(7, "<!-- pipeline:verify -->\nold report", "github-actions[bot]");
        f.Server.AddComment(7, "<!-- pipeline:gate -->\nother check's report", "github-actions[bot]");
        var result = await f.Reporter().ReportAsync(ReporterFixture.Report(1));

        Assert.Equal(existing, result.CommentId);
        var pages = f.Server.Sent.Where(r => r.Method == "GET").Select(r => r.Query).ToList();
        Assert.True(pages.Count >= 3, string.Join(" ", pages));
        Assert.Contains(pages, q => q.Contains("page=3", StringComparison.Ordinal));
        Assert.DoesNotContain(f.Server.Sent, r => r.Method == "POST" && r.Path.EndsWith("/comments", StringComparison.Ordinal));
        Assert.Contains("PIPE6001", f.Server.Comments.Single(c => c.Id == existing).Body);
        Assert.Contains("other check's report", f.Server.Comments.Single(c => c.Body.Contains("pipeline:gate", StringComparison.Ordinal)).Body);
    }

    [Fact]
    public async Task A_huge_report_keeps_the_comment_under_GitHubs_limit_and_says_rows_were_cut()
    {
        using var f = new ReporterFixture();
        await f.Reporter().ReportAsync(ReporterFixture.Report(3000, message: new string('x', 300)));
        var body = Assert.Single(f.Server.Comments).Body;
        Assert.True(body.Length < ReportMarkdown.CommentLimit, body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("more finding(s) not shown", body);
        var create = f.Server.Sent.First(r => r.Path.EndsWith("/check-runs", StringComparison.Ordinal)).Json;
        Assert.True(create.GetProperty("output").GetProperty("text").GetString()!.Length <= 65_535);
        // 3000 annotations = 60 calls: 1 create + 59 updates.
        Assert.Equal(60, f.Server.Sent.Count(r => r.Path.Contains("/check-runs", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Without_a_pull_request_no_comment_is_attempted()
    {
        using var f = new ReporterFixture(pullRequest: null);
        var result = await f.Reporter().ReportAsync(ReporterFixture.Report(1));
        Assert.Null(result.CommentId);
        Assert.DoesNotContain(f.Server.Sent, r => r.Path.Contains("/comments", StringComparison.Ordinal));
        // Push event: the commit is GITHUB_SHA.
        Assert.Equal(ReporterFixture.MergeSha, f.Server.Sent.First().Json.GetProperty("head_sha").GetString());
    }
}
