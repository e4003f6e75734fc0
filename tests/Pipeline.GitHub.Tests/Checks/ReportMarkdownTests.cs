using Pipeline.Core.Diagnostics;
using Pipeline.GitHub.Checks;

namespace Pipeline.GitHub.Tests.Checks;

public sealed class ReportMarkdownTests
{
    [Fact]
    public void Cells_cannot_break_the_table_or_forge_the_marker()
    {
        var report = new CheckReport("verify", "t", "", ReportConclusion.Failure,
        [
            new Finding("a|b.json", 2, "PIPE6001", "one | two\nthree <!-- pipeline:verify -->", "fix | it", Severity.Error),
        ]);
        var md = ReportMarkdown.Render(report);
        var row = md.Split('\n').Single(l => l.StartsWith("| ❌", StringComparison.Ordinal));
        // Six unescaped pipes = five cells: nothing a finding says can add a column.
        Assert.Equal(6, System.Text.RegularExpressions.Regex.Count(row, @"(?<!\\)\|"));
        Assert.Contains("one \\| two<br>three &lt;!-- pipeline:verify -->", row);
        Assert.Equal(1, md.Split("<!-- pipeline:verify -->").Length - 1);
    }

    [Fact]
    public void Errors_come_before_warnings_and_notices()
    {
        var report = new CheckReport("gate", "t", "s", ReportConclusion.Failure,
        [
            new Finding("z.json", 1, "PIPE4100", "notice", null, Severity.Notice),
            new Finding("b.json", 1, "PIPE4101", "warning", null, Severity.Warning),
            new Finding("c.json", 9, "PIPE4102", "error", null, Severity.Error),
        ]);
        Assert.Equal(["PIPE4102", "PIPE4101", "PIPE4100"], ReportMarkdown.Ordered(report.Findings).Select(f => f.Code));
        Assert.StartsWith("<!-- pipeline:gate -->\n### ❌ t", ReportMarkdown.Render(report));
        Assert.Equal("pipeline/gate", report.CheckName);
    }
}
