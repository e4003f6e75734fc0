using Pipeline.GitHub.Tests.FakeGitHub;

namespace Pipeline.GitHub.Tests.Checks;

/// <summary>Issue 16.4: the sticky comment is ours only when it carries the marker AND was written by our identity.</summary>
public sealed class StickyAuthorTests
{
    [Fact]
    public async Task A_pasted_report_by_a_person_is_left_alone_and_the_bot_writes_its_own()
    {
        using var f = new ReporterFixture();
        var pasted = f.Server.AddComment(7, "<!-- pipeline:verify -->\nlook at this report I copied", "alice");
        var result = await f.Reporter().ReportAsync(ReporterFixture.Report(1));

        Assert.NotEqual(pasted, result.CommentId);
        Assert.Equal("<!-- pipeline:verify -->\nlook at this report I copied", f.Server.Comments.Single(c => c.Id == pasted).Body);
        var mine = f.Server.Comments.Single(c => c.Id == result.CommentId);
        Assert.Equal(FakeGitHubServer.ActionsBot, mine.User);
    }

    [Fact]
    public async Task The_bots_own_comment_is_updated_even_after_a_pasted_copy()
    {
        using var f = new ReporterFixture();
        var own = f.Server.AddComment(7, "<!-- pipeline:verify -->\nold", FakeGitHubServer.ActionsBot);
        f.Server.AddComment(7, "> <!-- pipeline:verify -->\n> quoted old", "bob");
        var result = await f.Reporter().ReportAsync(ReporterFixture.Report(1));

        Assert.Equal(own, result.CommentId);
        Assert.Equal(3 - 1, f.Server.Comments.Count);
    }

    [Fact]
    public async Task With_a_personal_token_the_comment_author_is_the_authenticated_user()
    {
        using var f = new ReporterFixture();
        f.Server.PatUser = "release-bot-user";
        var own = f.Server.AddComment(7, "<!-- pipeline:verify -->\nold", "release-bot-user");
        f.Server.AddComment(7, "<!-- pipeline:verify -->\nnot mine", FakeGitHubServer.ActionsBot);
        var result = await f.Reporter(token: "ghp_personalToken0123").ReportAsync(ReporterFixture.Report(1));

        Assert.Equal(own, result.CommentId);
        Assert.Contains("PIPE6001", f.Server.Comments.Single(c => c.Id == own).Body);
        Assert.Equal("<!-- pipeline:verify -->\nnot mine", f.Server.Comments.Single(c => c.User == FakeGitHubServer.ActionsBot).Body);
    }
}
