using System.Text;
using Pipeline.Core.Sweep;

namespace Pipeline.Core.Gate;

/// <summary>
/// A decision as Markdown for a CI job's summary page: the verdict first (what a reviewer scans for), then the gate it
/// was judged under, one table row per rule and the comparison with the champion, so a hold explains itself there.
/// </summary>
public static class GateDecisionMarkdown
{
    public static string Render(GateDecision d)
    {
        var g = d.Gate;
        var text = new StringBuilder();
        text.Append(d.Promote ? "### ✅ " : "### ⏸️ ")
            .Append($"gate: {Code(d.Model + "@" + d.Candidate.Version)} for {Code(d.Alias)}: ")
            .AppendLine(d.Promote ? "**PROMOTE**" : "**HOLD**")
            .AppendLine()
            .AppendLine(
                $"Gate {Code(g.Origin)} ({Code(g.Digest)}): {Cell(g.Metric)} on {Cell(g.Suite.Name)} ({Code(g.Suite.Fingerprint)}), " +
                $"{g.Direction.Name()}, threshold {Evidence.Format(g.Threshold)}"
                + (g.MinImprovement is { } m ? $", min_improvement {m}" : "") + (g.Section is { } section ? $", section {Code(section)}" : "")
                + (d.RunId is null ? "" : $"; run {Code(d.RunId)}") + ".")
            .AppendLine()
            .AppendLine("| rule | value | verdict | detail |")
            .AppendLine("|---|---|---|---|");
        foreach (var r in d.Rules)
        {
            text.AppendLine($"| {Cell(r.Rule)} | {(r.Value is { } v ? Evidence.Format(v) : "")} | {Verdict(r.Passed)} | {Cell(r.Detail)} |");
        }

        var champion = d.Champion is null
            ? "none"
            : $"{d.Champion.Version} ({(d.Champion.Score is { } s ? Evidence.Format(s) : "no comparable score")})";
        text.AppendLine(
            $"| comparison with champion {Cell(champion)} | {(d.Candidate.Score is { } c ? Evidence.Format(c) : "")} | " +
            $"{Verdict(!GateDecision.ComparisonBlocks(d.Comparison))} | {Cell(d.ComparisonDetail)} |");
        if (!d.Promote)
        {
            text.AppendLine().AppendLine("Held because: " + Cell(string.Join("; ", d.Reasons)));
        }

        return text.AppendLine().ToString();
    }

    private static string Verdict(bool passed) => passed ? "✅ pass" : "❌ fail";

    // A value inside a table cell: a pipe would end the cell and a newline the row.
    private static string Cell(string text) =>
        text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private static string Code(string text) => "`" + Cell(text).Replace("`", "'", StringComparison.Ordinal) + "`";
}
