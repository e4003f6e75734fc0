using System.Text;
using Pipeline.Core.Diagnostics;
using Pipeline.GitHub.Http;

namespace Pipeline.GitHub.Checks;

/// <summary>
/// The report as GitHub-flavoured Markdown: heading, summary, one table row per finding. Rendered once per channel,
/// each within its own GitHub limit and unit (<see cref="TextLimit"/>): the sticky comment (65,536 characters), the
/// check run's text (65,535 UTF-8 bytes) and the step summary (1 MiB). When the table does not fit, rows are dropped
/// from the end (least severe first) and a note says how many and links to the run, where the step summary has them.
/// </summary>
public static class ReportMarkdown
{
    public const int CommentLimit = 65_536;

    /// <summary>Room for the step summary: one report among the few a job writes under the runner's 1 MiB.</summary>
    public static TextLimit StepSummary { get; } = TextLimit.Utf8(512 * 1024);

    public static string Render(CheckReport report, TextLimit? limit = null, string? detailsUrl = null)
    {
        var budget = limit ?? TextLimit.CheckRunOutput;
        var head = new StringBuilder();
        head.Append(report.Marker).Append('\n');
        head.Append("### ").Append(report.Conclusion == ReportConclusion.Success ? "✅ " : "❌ ").Append(Inline(report.Title)).Append("\n\n");
        if (report.Summary.Length > 0)
        {
            head.Append(report.Summary.TrimEnd()).Append("\n\n");
        }

        foreach (var extra in report.Extras)
        {
            head.Append(extra.TrimEnd()).Append("\n\n");
        }

        var ordered = Ordered(report.Findings);
        if (ordered.Count == 0)
        {
            return budget.Clip(head.ToString());
        }

        head.Append("| | Code | Where | Message | Fix |\n|---|---|---|---|---|\n");
        var body = new StringBuilder(head.ToString());
        var used = budget.Measure(body.ToString());
        var shown = 0;
        foreach (var f in ordered)
        {
            var row = Row(f);
            var size = budget.Measure(row);
            var reserve = budget.Measure(Omitted(ordered.Count - shown, detailsUrl));
            if (used + size + reserve > budget.Max)
            {
                break;
            }

            body.Append(row);
            used += size;
            shown++;
        }

        if (shown < ordered.Count)
        {
            body.Append(Omitted(ordered.Count - shown, detailsUrl));
        }

        return budget.Clip(body.ToString());
    }

    /// <summary>Errors first, then warnings, then notices; within a level by path and line (stable for reruns).</summary>
    public static IReadOnlyList<Finding> Ordered(IEnumerable<Finding> findings) => findings
        .OrderBy(f => f.Severity)
        .ThenBy(f => f.Path ?? "", StringComparer.Ordinal)
        .ThenBy(f => f.Line ?? 0)
        .ToList();

    private static string Row(Finding f)
    {
        var icon = f.Severity switch
        {
            Severity.Error => "❌",
            Severity.Warning => "⚠️",
            _ => "ℹ️",
        };
        var where = f.Path is null ? "" : f.Line is > 0 ? $"`{Code(f.Path)}`:{f.Line}" : $"`{Code(f.Path)}`";
        return $"| {icon} | {Cell(f.Code)} | {where} | {Cell(Short(f.Message))} | {Cell(Short(f.Hint ?? ""))} |\n";
    }

    private static string Omitted(int count, string? detailsUrl) =>
        $"\n_{count} more finding(s) not shown here (GitHub's size limit)" + (
            detailsUrl is null ? "; see the job summary or the report file._\n" : $"; see [the run]({detailsUrl})._\n");

    // A table cell is one line: pipes would open a new column and newlines would end the row.
    private static string Cell(string text) => text
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("|", "\\|", StringComparison.Ordinal)
        .Replace("\r\n", "<br>", StringComparison.Ordinal)
        .Replace("\n", "<br>", StringComparison.Ordinal)
        .Replace("\r", "<br>", StringComparison.Ordinal)
        .Replace("<!--", "&lt;!--", StringComparison.Ordinal);

    private static string Code(string text) => Cell(text).Replace("`", "'", StringComparison.Ordinal);

    private static string Inline(string text) => text.Replace('\n', ' ').Replace('\r', ' ');

    private static string Short(string text) => TextLimit.Chars(2001).Clip(text);

}
