using System.Text;
using Pipeline.GitHub.Checks;

namespace Pipeline.GitHub.Tests.Checks;

/// <summary>
/// Issue 16.1: check-run output is limited to 65,535 UTF-8 bytes, not characters. 600 short findings render to more
/// than that in bytes (every row carries a 3-byte ❌) while staying under 65,000 characters.
/// </summary>
public sealed class ByteBudgetTests
{
    [Fact]
    public async Task Six_hundred_short_findings_get_a_complete_check_run_with_every_annotation_and_a_link_to_the_rest()
    {
        using var f = new ReporterFixture();
        var result = await f.Reporter().ReportAsync(ReporterFixture.Report(600));

        f.AssertNoRefusals();
        Assert.Equal(ReportChannel.CheckRun, result.Channel);
        var run = Assert.Single(f.Server.CheckRuns);
        Assert.Equal("completed", run.Status);
        Assert.Equal("failure", run.Conclusion);
        Assert.Equal(600, run.Annotations.Count);
        Assert.Equal(600, result.AnnotationsSent);
        Assert.True(Encoding.UTF8.GetByteCount(run.Summary!) <= 65_535);
        var text = run.Text!;
        Assert.InRange(Encoding.UTF8.GetByteCount(text), 60_000, 65_535);
        Assert.Contains("more finding(s) not shown here", text);
        Assert.Contains("(https://github.example/octo/models/actions/runs/99)", text);
        // The step summary has room for all of them (1 MiB).
        Assert.Contains("#600", f.Summary);
    }

    [Fact]
    public async Task A_summary_of_emoji_is_cut_in_bytes_at_a_whole_character()
    {
        using var f = new ReporterFixture();
        // 30,000 × "😀" = 60,000 UTF-16 units but 120,000 UTF-8 bytes.
        var report = ReporterFixture.Report(1) with { Summary = string.Concat(Enumerable.Repeat("😀", 30_000)) };
        var result = await f.Reporter().ReportAsync(report);

        f.AssertNoRefusals();
        var run = Assert.Single(f.Server.CheckRuns);
        Assert.Equal("completed", run.Status);
        var bytes = Encoding.UTF8.GetBytes(run.Summary!);
        Assert.InRange(bytes.Length, 65_000, 65_535);
        // Valid UTF-8 all the way: no half surrogate pair was sent (it would decode to U+FFFD).
        Assert.DoesNotContain('\uFFFD', Encoding.UTF8.GetString(bytes));
        Assert.Equal(ReportChannel.CheckRun, result.Channel);
    }

    [Fact]
    public async Task The_comment_is_budgeted_in_characters_and_the_check_text_in_bytes()
    {
        using var f = new ReporterFixture();
        await f.Reporter().ReportAsync(ReporterFixture.Report(2000, message: "ü"));

        f.AssertNoRefusals();
        var comment = Assert.Single(f.Server.Comments).Body;
        Assert.InRange(comment.Length, 60_000, 65_536);
        Assert.Contains("more finding(s) not shown here", comment);
        Assert.InRange(Encoding.UTF8.GetByteCount(f.Server.CheckRuns.Single().Text!), 60_000, 65_535);
    }
}
