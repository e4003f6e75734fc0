using System.Text;
using Pipeline.Core.Gate;
using Pipeline.Core.Tracking;

namespace Pipeline.Core.Charts;

/// <summary>
/// The charts a reviewer sees beside a gate decision (PR comment, step summary): the challenger's bars against the
/// champion's line on the gated metrics, and the candidate run's training loss downsampled with LTTB. xychart-beta has
/// no legend, so each chart's title says which series is which, and a table with the exact numbers sits next to it
/// (a GitHub whose Mermaid is older than xychart-beta shows the table and an unrendered block).
/// </summary>
public static class GateCharts
{
    /// <summary>Series names read as "the training loss", in order of preference.</summary>
    public static readonly IReadOnlyList<string> LossKeys = ["loss", "train/loss", "train_loss", "training_loss", "train/loss_step"];

    /// <summary>Points drawn for the loss line: enough for its shape, few enough for a readable axis.</summary>
    public const int LossPoints = 30;

    /// <summary>Metrics compared at most (the gate's own metric first).</summary>
    public const int MaxMetrics = 8;

    public static string Render(GateDecision d, IRunSeries? series = null)
    {
        var text = new StringBuilder();
        text.Append(Comparison(d));
        text.Append(Loss(series));
        return text.ToString();
    }

    /// <summary>Bars: the candidate; line: the champion, on the gate's metric and the other metrics both evaluated on the gate's suite.</summary>
    public static string Comparison(GateDecision d)
    {
        var candidate = Scores(d.Candidate);
        if (d.Candidate.Score is { } score && double.IsFinite(score))
        {
            candidate[d.Gate.Metric] = score;
        }

        if (!candidate.ContainsKey(d.Gate.Metric))
        {
            return "";
        }

        var champion = d.Champion is null ? new Dictionary<string, double>(StringComparer.Ordinal) : Scores(d.Champion);
        if (d.Champion?.Score is { } c && double.IsFinite(c))
        {
            champion[d.Gate.Metric] = c;
        }

        var metrics = new List<string> { d.Gate.Metric };
        metrics.AddRange(candidate.Keys.Where(k => k != d.Gate.Metric && champion.ContainsKey(k)).Order(StringComparer.Ordinal).Take(MaxMetrics - 1));
        var withChampion = metrics.All(champion.ContainsKey);
        var title = withChampion
            ? $"{d.Model}: {d.Candidate.Version} (bars) vs champion {d.Champion!.Version} (line)"
            : $"{d.Model}: {d.Candidate.Version} (bars), no comparable champion";
        var chart = new MermaidXyChart(title)
            .XAxis(null, metrics)
            .YAxis("score")
            .Bar(metrics.Select(m => candidate[m]));
        if (withChampion)
        {
            chart.Line(metrics.Select(m => champion[m]));
        }

        var table = new StringBuilder();
        table.Append("\n| metric | ")
            .Append(Cell(d.Candidate.Version))
            .Append(withChampion ? $" | champion {Cell(d.Champion!.Version)} |" : " |")
            .Append('\n');
        table.Append(withChampion ? "|---|---|---|\n" : "|---|---|\n");
        foreach (var m in metrics)
        {
            table.Append("| ").Append(Cell(m)).Append(" | ").Append(MermaidXyChart.Number(candidate[m]));
            table.Append(withChampion ? $" | {MermaidXyChart.Number(champion[m])} |\n" : " |\n");
        }

        return "**Challenger vs champion** (gate metric first)\n\n" + chart.ToMarkdown() + table + "\n";
    }

    /// <summary>The candidate run's training loss, at most <see cref="LossPoints"/> points chosen by LTTB; NaN/Inf points are counted, not
    /// drawn.</summary>
    public static string Loss(IRunSeries? series, int points = LossPoints)
    {
        if (series is null)
        {
            return "";
        }

        foreach (var key in LossKeys)
        {
            if (!series.TryGet(key, out var all) || all.Count == 0)
            {
                continue;
            }

            var finite = all.Where(p => double.IsFinite(p.Value)).ToArray();
            var broken = all.Count - finite.Length;
            if (finite.Length < 2)
            {
                return $"_Training loss (`{Cell(key)}`) of run `{Cell(series.RunId)}`: {all.Count} point(s), {broken} not finite; nothing to " +
                    "draw._\n\n";
            }

            var keep = Lttb.Select(finite.Select(p => (double)p.Step).ToArray(), finite.Select(p => p.Value).ToArray(), Math.Max(3, points));
            var chart = new MermaidXyChart($"training {key} of run {series.RunId} ({keep.Length} of {all.Count} points, LTTB)")
                .XAxis("step", keep.Select(i => finite[i].Step.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                .YAxis(key)
                .Line(keep.Select(i => finite[i].Value));
            var note = broken > 0
                ? $"\n⚠️ {broken} non-finite value(s) (NaN/Inf) not drawn, first at step {all.First(p => !double.IsFinite(p.Value)).Step}.\n"
                : "";
            var last = finite[^1];
            return $"**Training loss** of the candidate's run\n\n{chart.ToMarkdown()}\nFirst {MermaidXyChart.Number(finite[0].Value)} at step " +
                $"{finite[0].Step}, last {MermaidXyChart.Number(last.Value)} at step {last.Step}, min " +
                $"{MermaidXyChart.Number(finite.Min(p => p.Value))}.\n{note}\n";
        }

        return "";
    }

    private static Dictionary<string, double> Scores(ScoredVersion v) =>
        (v.Evidence?.Scores ?? new Dictionary<string, double>())
            .Where(p => double.IsFinite(p.Value))
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    // Table cells and inline code: a pipe would open a column, a newline end the row, a backtick end the code span.
    private static string Cell(string text) => text
        .Replace("|", "\\|", StringComparison.Ordinal)
        .Replace("`", "'", StringComparison.Ordinal)
        .Replace("\r", " ", StringComparison.Ordinal)
        .Replace("\n", " ", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal);
}
