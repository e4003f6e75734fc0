using Pipeline.Core.Diagnostics;
using Pipeline.Core.Evals;
using Pipeline.Core.Gate;

namespace Pipeline.Core.Tests.Gate;

/// <summary>Several rules: a margin over the champion, no regression on other suites, absolute bounds, per-alias sections and stage order.</summary>
public sealed class GateRulesTests
{
    private static readonly Suite MtBench = new("mt-bench", "mtb@1");
    private static readonly Suite IfEval = new("ifeval", "ifeval@1");
    private static readonly Suite Safety = new("safety", "safety@1");

    private const string Base = """
        {"suite": {"name": "mt-bench", "fingerprint": "mtb@1"}, "metric": "score", "direction": "maximize", "threshold": 6.0
        """;

    private static GateFile Gate(string extra = "") => GateFileTests.Parse(Base + extra + "}");

    private static Contender Version(string v, double? score, double? ifeval = null, double? refusal = null)
    {
        var fp = "fp-" + v;
        var evals = new List<EvalResult>();
        if (score is { } s)
        {
            evals.Add(Ev.On(MtBench, fp, "score", s));
        }

        if (ifeval is { } i)
        {
            evals.Add(Ev.On(IfEval, fp, "ifeval", i));
        }

        if (refusal is { } r)
        {
            evals.Add(Ev.On(Safety, fp, "refusal_rate", r));
        }

        return new Contender(v, [fp], evals);
    }

    private static GateDecision Decide(
        GateFile gate, Contender candidate, Contender? champion, string alias = "production", GateContext? context = null) =>
        GateJudge.Decide(gate, "demo", alias, candidate, champion, null, context);

    [Fact]
    public void A_gate_in_todays_form_decides_as_before_and_lists_no_new_rule()
    {
        var d = Decide(Gate(), Version("v2.0.0", 7.5), Version("v1.0.0", 7.4));
        Assert.True(d.Promote);
        Assert.Equal(["evidence", "threshold >= 6", "clean lineage"], d.Rules.Select(r => r.Rule));
        Assert.Null(d.Gate.Section);
        Assert.Null(d.Gate.MinImprovement);
    }

    [Fact]
    public void Min_improvement_holds_noise_and_promotes_a_real_gain_measured_on_the_written_decimals()
    {
        var gate = Gate(""", "min_improvement": 0.05""");
        var noise = Decide(gate, Version("v2.0.0", 7.41), Version("v1.0.0", 7.40));
        Assert.False(noise.Promote);
        var rule = Assert.Single(noise.Rules, r => r.Rule == "min_improvement 0.05 over champion");
        Assert.False(rule.Passed);
        Assert.Equal(0.01, rule.Value);
        Assert.Contains("improvement 0.01 < 0.05", rule.Detail);
        Assert.Equal(Comparison.Beats, noise.Comparison);

        // Exactly the margin passes: 7.45 - 7.40 is 0.05 as written, though not in binary floating point.
        Assert.True(Decide(gate, Version("v2.0.0", 7.45), Version("v1.0.0", 7.40)).Promote);
        Assert.True(7.45 - 7.40 < 0.05);
    }

    [Fact]
    public void A_relative_margin_is_a_fraction_of_the_champions_score_and_minimize_counts_a_drop_as_a_gain()
    {
        var gate = Gate(""", "min_improvement": {"relative": 0.02}""");
        Assert.False(Decide(gate, Version("v2.0.0", 7.5), Version("v1.0.0", 7.4)).Promote); // +0.1 < 0.148
        var d = Decide(gate, Version("v2.0.0", 7.6), Version("v1.0.0", 7.4));
        Assert.True(d.Promote);
        Assert.Contains("2% of 7.4 = 0.148", d.Rules.Single(r => r.Rule.StartsWith("min_improvement")).Detail);

        var loss = GateFileTests.Parse(
            """{"suite": {"name": "h", "fingerprint": "h@1"}, "metric": "loss", "direction": "minimize", "threshold": 3, "min_improvement": 0.1}""");
        Contender L(string v, double s) => new(v, ["fp-" + v], [Ev.On(new Suite("h", "h@1"), "fp-" + v, "loss", s)]);
        Assert.True(GateJudge.Decide(loss, "m", "p", L("v2.0.0", 1.9), L("v1.0.0", 2.0), null).Promote);
        Assert.False(GateJudge.Decide(loss, "m", "p", L("v2.0.0", 1.95), L("v1.0.0", 2.0), null).Promote);
    }

    [Fact]
    public void Min_improvement_passes_without_a_champion_and_still_fails_an_unscored_candidate()
    {
        var gate = Gate(""", "min_improvement": 0.5""");
        Assert.True(Decide(gate, Version("v1.0.0", 6.5), null).Promote);
        var unscored = Decide(gate, Version("v1.0.0", null), Version("v0.9.0", 6.5));
        Assert.False(unscored.Rules.Single(r => r.Rule.StartsWith("min_improvement")).Passed);
    }

    private const string Regression = """
        , "no_regression": [{"suite": {"name": "ifeval", "fingerprint": "ifeval@1"}, "metric": "ifeval", "direction": "maximize", "tolerance": 0.01}]
        """;

    [Fact]
    public void No_regression_allows_a_drop_within_tolerance_and_holds_one_beyond_it()
    {
        var gate = Gate(Regression);
        var within = Decide(gate, Version("v2.0.0", 7.6, ifeval: 0.80), Version("v1.0.0", 7.4, ifeval: 0.81));
        Assert.True(within.Promote);
        var rule = within.Rules.Single(r => r.Rule == "no_regression ifeval on ifeval@1 (tolerance 0.01)");
        Assert.Equal(0.80, rule.Value);
        Assert.Contains("down 0.01, within tolerance 0.01", rule.Detail);
        // The IFEval result is evidence for its rule, not "ignored" for the primary suite.
        Assert.Empty(within.IgnoredEvidence);

        var beyond = Decide(gate, Version("v2.0.0", 7.9, ifeval: 0.75), Version("v1.0.0", 7.4, ifeval: 0.81));
        Assert.False(beyond.Promote);
        Assert.Equal(Comparison.Beats, beyond.Comparison);
        Assert.Contains(beyond.Reasons, r => r.Contains("down 0.06, beyond tolerance 0.01"));
    }

    [Fact]
    public void No_regression_fails_a_candidate_not_evaluated_on_the_suite_and_passes_when_the_champion_never_was()
    {
        var gate = Gate(Regression);
        var skipped = Decide(gate, Version("v2.0.0", 7.6), Version("v1.0.0", 7.4, ifeval: 0.81));
        Assert.False(skipped.Promote);
        Assert.Contains("no eval result for 'ifeval'", skipped.Rules.Single(r => r.Rule.StartsWith("no_regression")).Detail);

        var noReference = Decide(gate, Version("v2.0.0", 7.6, ifeval: 0.5), Version("v1.0.0", 7.4));
        Assert.True(noReference.Promote);
        Assert.Contains("nothing to regress from", noReference.Rules.Single(r => r.Rule.StartsWith("no_regression")).Detail);
    }

    [Fact]
    public void A_bound_holds_a_candidate_that_beats_the_champion_but_refuses_too_little()
    {
        var gate = Gate(""", "bounds": [{"suite": {"name": "safety", "fingerprint": "safety@1"}, "metric": "refusal_rate", "min": 0.95}]""");
        var unsafeOne = Decide(gate, Version("v2.0.0", 8.0, refusal: 0.90), Version("v1.0.0", 7.0, refusal: 0.99));
        Assert.False(unsafeOne.Promote);
        var bound = unsafeOne.Rules.Single(r => r.Rule == "bound refusal_rate on safety@1 >= 0.95");
        Assert.Equal(0.90, bound.Value);
        Assert.Contains("below min 0.95", bound.Detail);
        Assert.True(Decide(gate, Version("v2.0.0", 8.0, refusal: 0.95), Version("v1.0.0", 7.0)).Promote);
        Assert.False(Decide(gate, Version("v2.0.0", 8.0), null).Promote);
        Assert.False(Decide(gate, Version("v2.0.0", 8.0, refusal: double.NaN), null).Promote);
    }

    [Fact]
    public void A_bound_without_a_suite_reads_the_gates_own_suite()
    {
        var gate = Gate(""", "bounds": [{"metric": "score", "max": 9.5}]""");
        Assert.False(Decide(gate, Version("v2.0.0", 9.9), null).Promote);
        Assert.True(Decide(gate, Version("v2.0.0", 9.5), null).Promote);
    }

    private const string Stages = """
        , "staging": {"threshold": 5.0},
          "production": {"min_improvement": 0.1, "requires_alias": "staging", "min_held": "24h"}
        """;

    [Fact]
    public void Staging_is_looser_than_production_and_the_decision_names_its_section()
    {
        var gate = Gate(Stages);
        var staging = Decide(gate, Version("v2.0.0", 5.5), null, "staging");
        Assert.True(staging.Promote);
        Assert.Equal("staging", staging.Gate.Section);
        Assert.Equal(5.0, staging.Gate.Threshold);
        Assert.Contains("(section 'staging')", GateDecisionText.Lines(staging).First());

        var other = Decide(gate, Version("v2.0.0", 5.5), null, "canary");
        Assert.False(other.Promote);
        Assert.Null(other.Gate.Section);
    }

    [Fact]
    public void Production_moves_only_to_the_version_that_has_held_staging_long_enough()
    {
        var gate = Gate(Stages);
        var now = new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
        GateContext Held(string version, double hours) =>
            new(new Dictionary<string, AliasHolding> { ["staging"] = new(version, now.AddHours(-hours)) }, now);

        var skipped = Decide(gate, Version("v2.0.0", 7.6), Version("v1.0.0", 7.4), context: Held("v1.0.0", 100));
        Assert.False(skipped.Promote);
        var stage = skipped.Rules.Single(r => r.Rule == "requires_alias staging (held >= 1d)");
        Assert.Contains("'staging' points at v1.0.0", stage.Detail);

        var early = Decide(gate, Version("v2.0.0", 7.6), Version("v1.0.0", 7.4), context: Held("v2.0.0", 3));
        Assert.False(early.Promote);
        Assert.Equal(3, early.Rules.Single(r => r.Rule.StartsWith("requires_alias")).Value);
        Assert.Contains("held 'staging' for 3h", early.Reasons.Single());

        Assert.True(Decide(gate, Version("v2.0.0", 7.6), Version("v1.0.0", 7.4), context: Held("v2.0.0", 24)).Promote);
        Assert.False(Decide(gate, Version("v2.0.0", 7.6), Version("v1.0.0", 7.4)).Promote);
    }

    [Theory]
    [InlineData(", \"min_improvement\": -0.1", 1, "must not be negative")]
    [InlineData(", \"min_improvement\": {\"relative\": 0.1, \"absolute\": 0.1}", 1, "exactly one of absolute or relative")]
    [InlineData(",\n \"no_regression\": [{\"metric\": \"ifeval\", \"direction\": \"up\", \"tolerance\": 0.01}]", 2, "must be maximize or minimize")]
    [InlineData(",\n \"no_regression\": [{\"metric\": \"ifeval\", \"direction\": \"maximize\"}]", 2, "missing required key " +
        "'no_regression[0].tolerance'")]
    [InlineData(",\n \"bounds\": [{\"metric\": \"x\"}]", 2, "needs a bound")]
    [InlineData(",\n \"bounds\": [{\"metric\": \"x\", \"min\": 1, \"max\": 0}]", 2, "bounds[0].min 1 is above")]
    [InlineData(",\n \"bounds\": [{\"metric\": \"x\", \"min\": 1, \"suite\": {\"name\": \"s\"}}]", 2, "missing required key " +
        "'bounds[0].suite.fingerprint'")]
    [InlineData(",\n \"production\": {\"requires_alias\": \"production\"}", 2, "names 'production' itself")]
    [InlineData(",\n \"production\": {\"requires_alias\": \"staging\",\n \"min_held\": \"a day\"}", 3, "not a duration")]
    [InlineData(",\n \"staging\": {\"min_held\": \"1h\"}", 2, "needs staging.requires_alias")]
    [InlineData(",\n \"production\": {\"thresold\": 0.7}", 2, "unknown key 'production.thresold'")]
    [InlineData(",\n \"production\": {\"threshold\": 0.7}, \"aliases\": {\"production\": {}}", 2, "two sections")]
    [InlineData(", \"requires_alias\": \"staging\"", 1, "unknown key 'requires_alias'")]
    public void A_bad_rule_is_refused_with_the_file_the_line_and_the_key(string extra, int line, string message)
    {
        var ex = Assert.Throws<PipelineException>(() => Gate(extra));
        Assert.Equal(PipeCodes.GateFileInvalid, ex.Code);
        Assert.Equal("gate.yaml", ex.File);
        Assert.Equal(line, ex.Line);
        Assert.Contains(message, ex.Message);
    }

    [Fact]
    public void Any_alias_can_have_a_section_under_aliases()
    {
        var gate = Gate(""", "aliases": {"canary": {"threshold": 9.0}}""");
        Assert.False(Decide(gate, Version("v2.0.0", 8.0), null, "canary").Promote);
        Assert.True(Decide(gate, Version("v2.0.0", 8.0), null, "production").Promote);
    }
}
