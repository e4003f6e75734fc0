namespace Pipeline.GitHub.Tests.Checks;

/// <summary>Gate and promote post their decision (and its charts) as a sticky comment only: no check run, no status.</summary>
public sealed class CommentOnlyTests
{
    [Fact]
    public async Task A_decision_comment_is_written_once_then_edited_in_place()
    {
        using var f = new ReporterFixture();
        var (first, notes) = await f.Reporter().CommentAsync("gate-production", "### gate\n\n```mermaid\nxychart-beta\n    bar [1]\n```\n");
        var (second, _) = await f.Reporter().CommentAsync("gate-production", "### gate again\n");

        f.AssertNoRefusals();
        Assert.Empty(notes);
        Assert.Equal(first, second);
        var comment = Assert.Single(f.Server.Comments);
        Assert.Equal("<!-- pipeline:gate-production -->\n### gate again\n", comment.Body);
        Assert.Empty(f.Server.CheckRuns);
        Assert.DoesNotContain(f.Server.Sent, r => r.Path.Contains("/statuses/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_huge_decision_is_cut_to_the_comment_limit_with_a_link_to_the_run()
    {
        using var f = new ReporterFixture();
        var (id, _) = await f.Reporter().CommentAsync("gate", string.Concat(Enumerable.Repeat("| row | 😀 |\n", 10_000)));

        f.AssertNoRefusals();
        var body = f.Server.Comments.Single(c => c.Id == id).Body;
        Assert.InRange(body.Length, 65_000, 65_536);
        Assert.EndsWith("whole report is in [the run](https://github.example/octo/models/actions/runs/99)._\n", body);
    }

    [Fact]
    public async Task Without_a_pull_request_nothing_is_sent_and_a_read_only_token_is_a_note()
    {
        using (var push = new ReporterFixture(pullRequest: null))
        {
            Assert.Null((await push.Reporter().CommentAsync("gate", "x")).CommentId);
            Assert.Empty(push.Server.Sent);
        }

        using var fork = new ReporterFixture(headRepo: "mallory/models");
        fork.Server.ReadOnlyToken = true;
        var (comment, notes) = await fork.Reporter().CommentAsync("gate", "x");
        Assert.Null(comment);
        Assert.Equal([5012], notes.Select(n => n.Code.Number));
    }
}
