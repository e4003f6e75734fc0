using Pipeline.Core.Canonical;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Evals;
using Pipeline.Core.Gate;

namespace Pipeline.Core.Tests.Gate;

/// <summary>The champion/challenger cases of the reference the gate comes from, one test each.</summary>
public sealed class GateJudgeTests
{
    private const string Accuracy = """{"suite": {"name": "mmlu", "fingerprint": "mmlu@abcd"}, "metric": "mmlu", "direction": "maximize",""" +
        """ "threshold": 0.60}""";
    private const string Loss = """{"suite": {"name": "heldout", "fingerprint": "heldout@1"}, "metric": "loss", "direction": "minimize",""" +
        """ "threshold": 2.0}""";
    private static readonly Suite Heldout = new("heldout", "heldout@1");

    private static Contender Version(
        string version,
        double? mmlu,
        Suite? suite = null,
        string metric = "mmlu",
        Dictionary<string, double>? self = null,
        bool dirty = false)
    {
        var fp = "fp-" + version;
        return new Contender(version, [fp], mmlu is { } s ? [Ev.On(suite ?? Ev.Mmlu, fp, metric, s)] : [], dirty, self);
    }

    private static GateDecision Decide(string gate, Contender candidate, Contender? champion, IRunSeries? series = null) =>
        GateJudge.Decide(GateFileTests.Parse(gate), "demo", "production", candidate, champion, series);

    [Fact]
    public void The_real_winner_is_promoted_over_the_champion()
    {
        var d = Decide(Accuracy, Version("v1.1.0", 0.71), Version("v1.0.0", 0.65));
        Assert.True(d.Promote);
        Assert.Equal(Comparison.Beats, d.Comparison);
        Assert.Equal(0.71, d.Candidate.Score);
        Assert.Equal(0.65, d.Champion!.Score);
        Assert.Empty(d.Reasons);
    }

    [Fact]
    public void A_fake_self_reported_score_is_ignored_only_the_evaluated_score_counts()
    {
        var liar = Version("v1.2.0", 0.62, self: new() { ["mmlu"] = 0.99 });
        var d = Decide(Accuracy, liar, Version("v1.0.0", 0.65));
        Assert.False(d.Promote);
        Assert.Equal(0.62, d.Candidate.Score);
        Assert.Equal(Comparison.Loses, d.Comparison);
        Assert.Contains(GateDecisionText.Lines(d), l => l.Contains("ignored self-reported mmlu = 0.99"));

        // Self-reported alone (no eval result) is no evidence at all.
        var noEval = Decide(Accuracy, Version("v1.2.0", null, self: new() { ["mmlu"] = 0.99 }), null);
        Assert.False(noEval.Promote);
        Assert.Null(noEval.Candidate.Score);
    }

    [Fact]
    public void An_exact_tie_keeps_the_champion()
    {
        var d = Decide(Accuracy, Version("v1.1.0", 0.65), Version("v1.0.0", 0.65));
        Assert.False(d.Promote);
        Assert.Equal(Comparison.Ties, d.Comparison);
        Assert.Contains("a tie keeps the champion", Assert.Single(d.Reasons));
    }

    [Fact]
    public void A_gate_failure_blocks_a_candidate_that_beats_a_low_champion()
    {
        var gate = Accuracy.TrimEnd('}') + """, "health": [{"series": "kl", "stat": "last", "max": 0.2}]}""";
        var series = new RunSeries("run-7", new Dictionary<string, IReadOnlyList<SeriesPoint>> { ["kl"] = RunSeries.Steps(0.05, 0.1, 0.35) });
        var d = Decide(gate, Version("v1.1.0", 0.80), Version("v1.0.0", 0.61), series);
        Assert.Equal(Comparison.Beats, d.Comparison);
        Assert.False(d.Promote);
        var failed = Assert.Single(d.Rules, r => !r.Passed);
        Assert.Equal("last(kl) <= 0.2", failed.Rule);
        Assert.Equal(0.35, failed.Value);
        Assert.Equal("run-7", d.RunId);
    }

    [Fact]
    public void The_threshold_blocks_a_candidate_that_beats_a_weaker_champion()
    {
        var d = Decide(Accuracy, Version("v1.1.0", 0.58), Version("v1.0.0", 0.40));
        Assert.Equal(Comparison.Beats, d.Comparison);
        Assert.False(d.Promote);
        Assert.Contains(d.Reasons, r => r.StartsWith("threshold >= 0.6"));
    }

    [Fact]
    public void A_loss_style_gate_promotes_the_smaller_loss_and_refuses_the_high_one()
    {
        var champion = Version("v1.0.0", 1.8, Heldout, "loss");
        Assert.True(Decide(Loss, Version("v1.1.0", 1.5, Heldout, "loss"), champion).Promote);
        var high = Decide(Loss, Version("v1.2.0", 1.9, Heldout, "loss"), champion);
        Assert.False(high.Promote);
        Assert.Equal(Comparison.Loses, high.Comparison);
        Assert.False(Decide(Loss, Version("v1.3.0", 2.5, Heldout, "loss"), null).Promote);
        Assert.True(Decide(Loss, Version("v1.3.0", 2.0, Heldout, "loss"), null).Promote);
    }

    [Fact]
    public void No_champion_means_the_threshold_alone_decides()
    {
        var d = Decide(Accuracy, Version("v0.0.1", 0.60), null);
        Assert.True(d.Promote);
        Assert.Equal(Comparison.NoChampion, d.Comparison);
    }

    [Fact]
    public void A_champion_evaluated_on_another_suite_is_no_comparable_champion_and_the_output_says_so()
    {
        var d = Decide(Accuracy, Version("v1.1.0", 0.70), Version("v1.0.0", 0.99, Ev.EasyMmlu));
        Assert.True(d.Promote);
        Assert.Equal(Comparison.NoComparableChampion, d.Comparison);
        Assert.Contains("no comparable champion", d.ComparisonDetail);
        Assert.Contains("mmlu@easy", d.ComparisonDetail);
    }

    [Fact]
    public void Evidence_for_another_model_or_another_suite_is_ignored()
    {
        var borrowed = new Contender("v1.1.0", ["fp-v1.1.0"],
            [Ev.On(Ev.Mmlu, "fp-somebody-else", "mmlu", 0.95), Ev.On(Ev.EasyMmlu, "fp-v1.1.0", "mmlu", 0.99)]);
        var d = Decide(Accuracy, borrowed, Version("v1.0.0", 0.65));
        Assert.False(d.Promote);
        Assert.Null(d.Candidate.Score);
        Assert.Equal(Comparison.CandidateUnscored, d.Comparison);
        Assert.Equal(2, d.IgnoredEvidence.Count);
        Assert.Contains(d.IgnoredEvidence, i => i.Reason.Contains("not this model"));
        Assert.Contains(d.IgnoredEvidence, i => i.Reason.Contains("mmlu@easy"));
    }

    [Fact]
    public void A_dirty_lineage_is_held()
    {
        var d = Decide(Accuracy, Version("v1.1.0", 0.9, dirty: true), null);
        Assert.False(d.Promote);
        Assert.Contains(d.Reasons, r => r.StartsWith("clean lineage"));
    }

    [Fact]
    public void The_candidate_already_holding_the_alias_is_held()
    {
        var d = Decide(Accuracy, Version("v1.0.0", 0.9), Version("v1.0.0", 0.9));
        Assert.False(d.Promote);
        Assert.Equal(Comparison.AlreadyChampion, d.Comparison);
    }

    [Fact]
    public void Health_rules_without_a_run_fail()
    {
        var gate = Accuracy.TrimEnd('}') + """, "health": [{"series": "loss", "nan": "forbid"}]}""";
        var d = Decide(gate, Version("v1.1.0", 0.9), null, series: null);
        Assert.False(d.Promote);
        Assert.Contains(d.Reasons, r => r.Contains("no run series"));
    }

    [Fact]
    public void Disagreeing_evidence_for_the_candidate_is_refused()
    {
        var twice = new Contender("v1.1.0", ["fp"], [Ev.On(Ev.Mmlu, "fp", "mmlu", 0.5, "a.json"), Ev.On(Ev.Mmlu, "fp", "mmlu", 0.7, "b.json")]);
        var ex = Assert.Throws<PipelineException>(() => Decide(Accuracy, twice, null));
        Assert.Equal(PipeCodes.ConflictingEvidence, ex.Code);
    }

    [Fact]
    public void The_decision_json_carries_gate_scores_rules_and_comparison()
    {
        var d = Decide(Accuracy, Version("v1.1.0", 0.71, self: new() { ["mmlu"] = 0.99 }), Version("v1.0.0", 0.65));
        var json = CanonicalJson.Write(d.ToValue());
        var back = (ObjectValue)JsonReader.Parse(json, "decision");
        Assert.Equal("gate-decision-v1", ((StringValue)back["schema"]!).Value);
        Assert.Equal("promote", ((StringValue)back["decision"]!).Value);
        Assert.Equal("mmlu@abcd", ((StringValue)((ObjectValue)((ObjectValue)back["gate"]!)["suite"]!)["fingerprint"]!).Value);
        Assert.Equal(0.71, ((FloatValue)((ObjectValue)back["candidate"]!)["score"]!).Value);
        Assert.Equal(0.65, ((FloatValue)((ObjectValue)back["champion"]!)["score"]!).Value);
        Assert.Equal("beats", ((StringValue)((ObjectValue)back["comparison"]!)["result"]!).Value);
        Assert.Equal(3, ((ArrayValue)back["rules"]!).Items.Count);
        Assert.Contains("\"ignored_self_reported\":{\"mmlu\":0.99}", json);
    }

    [Fact]
    public void A_na_n_score_writes_null_not_invalid_json()
    {
        var d = Decide(Accuracy, Version("v1.1.0", double.NaN), null);
        Assert.False(d.Promote);
        var json = CanonicalJson.Write(d.ToValue());
        Assert.Contains("\"score\":null", json);
    }
}
