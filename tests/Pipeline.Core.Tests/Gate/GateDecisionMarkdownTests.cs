using Pipeline.Core.Gate;

namespace Pipeline.Core.Tests.Gate;

/// <summary>The job-summary form of a decision: verdict first, one row per rule, and no text can break the table.</summary>
public sealed class GateDecisionMarkdownTests
{
    private const string Gate = """{"suite": {"name": "mmlu", "fingerprint": "mmlu@abcd"}, "metric": "mmlu", "direction": "maximize",""" +
        """ "threshold": 0.60, "health": [{"series": "kl", "stat": "last", "max": 0.2}]}""";

    private static Contender Version(string version, double score, string? source = null) =>
        new(version, ["fp-" + version], [Ev.On(Ev.Mmlu, "fp-" + version, "mmlu", score, source)], false, null);

    private static GateDecision Decide(double[] kl, string? source = null) => GateJudge.Decide(
        GateFileTests.Parse(Gate), "demo", "production", Version("v1.1.0", 0.71, source), Version("v1.0.0", 0.65),
        new RunSeries("run-7", new Dictionary<string, IReadOnlyList<SeriesPoint>> { ["kl"] = RunSeries.Steps(kl) }));

    [Fact]
    public void A_promotion_leads_with_the_verdict_and_lists_every_rule_and_the_comparison()
    {
        var text = GateDecisionMarkdown.Render(Decide([0.3, 0.1]));

        Assert.StartsWith("### ✅ gate: `demo@v1.1.0` for `production`: **PROMOTE**\n", text);
        Assert.Contains("run `run-7`", text);
        Assert.Contains("| last(kl) <= 0.2 | 0.1 | ✅ pass |", text);
        Assert.Contains("| comparison with champion v1.0.0 (0.65) | 0.71 | ✅ pass |", text);
        Assert.DoesNotContain("Held because", text);
    }

    [Fact]
    public void A_hold_marks_the_failing_rule_and_says_why()
    {
        var text = GateDecisionMarkdown.Render(Decide([0.1, 0.5]));

        Assert.StartsWith("### ⏸️ gate: `demo@v1.1.0` for `production`: **HOLD**\n", text);
        Assert.Contains("| last(kl) <= 0.2 | 0.5 | ❌ fail |", text);
        Assert.Contains("Held because: last(kl) <= 0.2:", text);
    }

    [Fact]
    public void Pipes_and_newlines_in_details_cannot_break_the_table()
    {
        // The evidence detail names the eval file, and a file name may hold '|' or a newline.
        var text = GateDecisionMarkdown.Render(Decide([0.1, double.NaN], source: "evals/a|b\nc.json"));
        Assert.Contains("a\\|b c.json", text);

        // Every table row has the same four cells, whatever the details say.
        var rows = text.Split('\n').Where(l => l.StartsWith('|')).ToList();
        Assert.True(rows.Count >= 5, text);
        Assert.All(rows, r => Assert.Equal(5, r.Replace("\\|", "", StringComparison.Ordinal).Count(c => c == '|')));
    }
}
