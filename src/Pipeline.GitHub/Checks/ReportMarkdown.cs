using System.Text;
using Pipeline.Core.Diagnostics;

namespace Pipeline.GitHub.Checks;

/// <summary>
/// The report as GitHub-flavoured Markdown: heading, summary, one table row per finding. Used for the sticky
/// comment (limit 65,536 characters, else GitHub answers 422), the check run's text (65,535) and the step summary.
/// When the table does not fit, rows are dropped from the end (least severe first) and a note says how many.
/// </summary>
public static class ReportMarkdown
{
    public const int CommentLimit = 65_536;

    /// <summary>Our own ceiling, under every GitHub limit we render into (comment, check-run text/summary).</summary>
    public const int SafeLimit = 65_000;

    public static string Render(CheckReport report, int maxChars = SafeLimit, string? detailsUrl = null)
    {
        var head = new StringBuilder();
        head.Append(report.Marker).Append('\n');
        head.Append("### ").Append(report.Conclusion == ReportConclusion.Success ? "✅ " : "❌ ").Append(Inline(report.Title)).Append("\n\n");
        if (report.Summary.Length > 0)
        {
            head.Append(report.Summary.TrimEnd()).Append("\n\n");
        }

        var ordered = Ordered(report.Findings);
        if (ordered.Count == 0)
        {
            return Clip(head.ToString(), maxChars);
        }

        head.Append("| | Code | Where | Message | Fix |\n|---|---|---|---|---|\n");
        var rows = ordered.Select(Row).ToList();
        var body = new StringBuilder(head.ToString());
        var shown = 0;
        foreach (var row in rows)
        {
            var reserve = Omitted(rows.Count - shown, detailsUrl).Length;
            if (body.Length + row.Length + reserve > maxChars)
            {
                break;
            }

            body.Append(row);
            shown++;
        }

        if (shown < rows.Count)
        {
            body.Append(Omitted(rows.Count - shown, detailsUrl));
        }

        return Clip(body.ToString(), maxChars);
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
        $"\n_{count} more finding(s) not shown here (GitHub's size limit)" + (detailsUrl is null ? "; see the job summary or the report file._\n" : $"; see [the run]({detailsUrl})._\n");

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

    private static string Short(string text) => text.Length <= 2000 ? text : text[..2000] + "…";

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
