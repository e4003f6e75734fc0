using Pipeline.Core.Charts;
using Pipeline.Core.Evals;
using Pipeline.Core.Gate;
using Pipeline.Core.Tests.Gate;

namespace Pipeline.Core.Tests.Charts;

/// <summary>Issue 18.2: the decision's charts: challenger vs champion on the gated metrics, and the run's training loss via LTTB.</summary>
public sealed class GateChartsTests
{
    private const string Gate = """{"suite": {"name": "mmlu", "fingerprint": "mmlu@abcd"}, "metric": "mmlu", "direction": "maximize",""" +
        """ "threshold": 0.60, "health": [{"series": "loss", "stat": "last", "max": 5}]}""";

    private static Contender Version(string version, double mmlu, double arc) =>
        new(
            version,
            ["fp-" + version],
            [new EvalResult(
                Ev.Mmlu,
                "fp-" + version,
                new Dictionary<string, double> { ["mmlu"] = mmlu, ["arc|easy"] = arc, ["only-mine"] = 1 },
                $"eval-{version}.json")],
            false,
            null);

    private static GateDecision Decide(IRunSeries? series = null, bool champion = true) => GateJudge.Decide(
        GateFileTests.Parse(Gate), "demo", "production", Version("v1.1.0", 0.71, 0.5), champion ? Version("v1.0.0", 0.65, 0.55) : null, series);

    [Fact]
    public void The_challenger_is_bars_the_champion_a_line_gate_metric_first_with_a_table_beside()
    {
        var text = GateCharts.Comparison(Decide());

        Assert.Contains("title \"demo: v1.1.0 (bars) vs champion v1.0.0 (line)\"", text);
        Assert.Contains("x-axis [\"mmlu\", \"arc_easy\", \"only-mine\"]", text);
        Assert.Contains("bar [0.71, 0.5, 1]", text);
        Assert.Contains("line [0.65, 0.55, 1]", text);
        Assert.Contains("| mmlu | 0.71 | 0.65 |", text);
        Assert.Contains("| arc\\|easy | 0.5 | 0.55 |", text);
    }

    [Fact]
    public void Without_a_champion_the_candidate_is_drawn_alone_and_says_so()
    {
        var text = GateCharts.Comparison(Decide(champion: false));

        Assert.Contains("no comparable champion", text);
        Assert.Contains("x-axis [\"mmlu\"]", text);
        Assert.DoesNotContain("    line [", text);
    }

    [Fact]
    public void The_loss_line_is_downsampled_keeps_both_ends_and_counts_non_finite_points()
    {
        var points = Enumerable.Range(0, 5000).Select(i => new SeriesPoint(i * 10, 3.0 / (1 + (i / 100.0)))).ToList();
        points[1234] = new SeriesPoint(12340, double.NaN);
        var series = new RunSeries("run-7", new Dictionary<string, IReadOnlyList<SeriesPoint>> { ["loss"] = points });

        var text = GateCharts.Loss(series);

        var line = text.Split('\n').Single(l => l.StartsWith("    line [", StringComparison.Ordinal));
        Assert.Equal(GateCharts.LossPoints, line.Count(c => c == ',') + 1);
        Assert.StartsWith("    line [3, ", line);
        var axis = text.Split('\n').Single(l => l.StartsWith("    x-axis \"step\" [", StringComparison.Ordinal));
        Assert.StartsWith("    x-axis \"step\" [\"0\", ", axis);
        Assert.EndsWith("\"49990\"]", axis);
        Assert.Contains("(30 of 5000 points, LTTB)", text);
        Assert.Contains("1 non-finite value(s) (NaN/Inf) not drawn, first at step 12340", text);
    }

    [Fact]
    public void A_run_without_a_loss_series_draws_no_loss_chart()
    {
        var series = new RunSeries("run-7", new Dictionary<string, IReadOnlyList<SeriesPoint>> { ["kl"] = RunSeries.Steps(0.1, 0.2) });
        Assert.Equal("", GateCharts.Loss(series));
        Assert.Equal("", GateCharts.Loss(null));
        var dvclive = new RunSeries("run-8", new Dictionary<string, IReadOnlyList<SeriesPoint>> { ["train/loss"] = RunSeries.Steps(2, 1.5, 1) });
        Assert.Contains("line [2, 1.5, 1]", GateCharts.Loss(dvclive));
    }
}
