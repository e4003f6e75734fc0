using Pipeline.Core.Diagnostics;
using Pipeline.Core.Evals;
using Pipeline.Core.Sweep;
using Pipeline.Core.Tests.Gate;

namespace Pipeline.Core.Tests.Sweep;

public sealed class SweepSelectorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    private static Candidate Run(
        string id,
        int minute,
        double? score,
        Suite? suite = null,
        string? subject = null,
        Dictionary<string, double>? self = null)
    {
        var fp = subject ?? "fp-" + id;
        var evals = score is { } s ? new[] { Ev.On(suite ?? Ev.Mmlu, fp, "mmlu", s) } : [];
        return new Candidate(id, T0.AddMinutes(minute), evals, ["fp-" + id], self);
    }

    [Fact]
    public void Maximize_picks_the_highest_evaluated_score_and_ranks_all()
    {
        var result = SweepSelector.Select([Run("a", 0, 0.61), Run("b", 1, 0.72), Run("c", 2, 0.65)], "mmlu", Direction.Maximize);
        Assert.Equal("b", result.Winner.RunId);
        Assert.Equal(0.72, result.Winner.Score);
        Assert.Equal(["b", "c", "a"], result.Ranking.Select(r => r.RunId));
        Assert.Equal([1, 2, 3], result.Ranking.Select(r => r.Rank));
        Assert.Equal(Ev.Mmlu, result.Suite);
    }

    [Fact]
    public void Minimize_picks_the_lowest()
    {
        var result = SweepSelector.Select([Run("a", 0, 2.1), Run("b", 1, 1.7), Run("c", 2, 1.9)], "mmlu", Direction.Minimize);
        Assert.Equal("b", result.Winner.RunId);
    }

    [Fact]
    public void A_tie_goes_to_the_earliest_run_then_the_smallest_id()
    {
        var result = SweepSelector.Select([Run("z", 5, 0.7), Run("y", 1, 0.7), Run("x", 1, 0.7), Run("w", 0, 0.6)], "mmlu", Direction.Maximize);
        Assert.Equal(["x", "y", "z", "w"], result.Ranking.Select(r => r.RunId));
    }

    [Fact]
    public void Na_n_never_wins_even_when_minimizing()
    {
        var result = SweepSelector.Select(
            [Run("nan", 0, double.NaN), Run("b", 1, 3.0), Run("inf", 2, double.NegativeInfinity)],
            "mmlu",
            Direction.Minimize);
        Assert.Equal("b", result.Winner.RunId);
        Assert.Single(result.Ranking);
        Assert.Contains(result.Unranked, u => u.RunId == "nan" && u.Reason.Contains("NaN"));
        Assert.Contains(result.Unranked, u => u.RunId == "inf");
    }

    [Fact]
    public void Mismatched_suites_are_refused_and_the_phantom_on_the_easier_suite_is_never_crowned()
    {
        var runs = new[] { Run("a", 0, 0.61), Run("b", 1, 0.66), Run("phantom", 2, 0.99, Ev.EasyMmlu) };
        var ex = Assert.Throws<PipelineException>(() => SweepSelector.Select(runs, "mmlu", Direction.Maximize));
        Assert.Equal(PipeCodes.SweepIncomparable, ex.Code);
        Assert.Equal(ExitCodes.No, ex.Code.ExitCode);
        Assert.StartsWith("incomparable runs, 2 eval fingerprints: ", ex.Message);
        Assert.Contains("mmlu@abcd", ex.Message);
        Assert.Contains("mmlu@easy (suite mmlu-easy; runs phantom)", ex.Message);

        // Restricting to the real suite ranks the comparable runs; the phantom is named as not evaluated there.
        var cohort = SweepSelector.Select(runs, "mmlu", Direction.Maximize, cohort: "mmlu@abcd");
        Assert.Equal("b", cohort.Winner.RunId);
        Assert.DoesNotContain(cohort.Ranking, r => r.RunId == "phantom");
        Assert.Contains(cohort.Unranked, u => u.RunId == "phantom" && u.Reason.Contains("mmlu@easy"));
    }

    [Fact]
    public void Self_reported_scores_and_results_for_another_model_are_not_evidence()
    {
        var borrowed = new Candidate("borrower", T0, [Ev.On(Ev.Mmlu, "fp-someone-else", "mmlu", 0.95)], ["fp-borrower"],
            new Dictionary<string, double> { ["mmlu"] = 0.99 });
        var honest = Run("honest", 1, 0.62);
        var result = SweepSelector.Select([borrowed, honest], "mmlu", Direction.Maximize);
        Assert.Equal("honest", result.Winner.RunId);
        var named = Assert.Single(result.Unranked);
        Assert.Equal("borrower", named.RunId);
        Assert.Contains("fp-someone-else", named.Reason);
        Assert.Contains("self-reported 'mmlu' = 0.99 is not evidence", named.Reason);
    }

    [Fact]
    public void A_result_naming_the_artifact_digest_counts_with_or_without_the_prefix()
    {
        var run = new Candidate("a", T0, [Ev.On(Ev.Mmlu, "sha256:deadbeef", "mmlu", 0.5)], ["deadbeef"]);
        Assert.Equal(0.5, SweepSelector.Select([run], "mmlu", Direction.Maximize).Winner.Score);
    }

    [Fact]
    public void A_run_without_the_metric_is_named_and_excluded()
    {
        var result = SweepSelector.Select([Run("a", 0, 0.6), Run("crashed", 1, null)], "mmlu", Direction.Maximize);
        Assert.Equal("a", result.Winner.RunId);
        Assert.Equal("crashed", Assert.Single(result.Unranked).RunId);
    }

    [Fact]
    public void No_score_anywhere_is_refused_with_exit_one()
    {
        var ex = Assert.Throws<PipelineException>(
            () => SweepSelector.Select([Run("a", 0, null), Run("b", 0, double.NaN)], "mmlu", Direction.Maximize));
        Assert.Equal(PipeCodes.SweepNoScore, ex.Code);
        Assert.Contains("a:", ex.Message);
        Assert.Contains("b:", ex.Message);
    }

    [Fact]
    public void Two_disagreeing_results_for_one_run_on_one_suite_are_refused()
    {
        var run = new Candidate(
            "a",
            T0,
            [Ev.On(Ev.Mmlu, "fp-a", "mmlu", 0.5, "first.json"), Ev.On(Ev.Mmlu, "fp-a", "mmlu", 0.8, "second.json")],
            ["fp-a"]);
        var ex = Assert.Throws<PipelineException>(() => SweepSelector.Select([run], "mmlu", Direction.Maximize));
        Assert.Equal(PipeCodes.ConflictingEvidence, ex.Code);
        Assert.Contains("second.json", ex.Message);

        var agreeing = run with { Evals = [Ev.On(Ev.Mmlu, "fp-a", "mmlu", 0.5, "x.json"), Ev.On(Ev.Mmlu, "fp-a", "mmlu", 0.5, "y.json")] };
        Assert.Equal(0.5, SweepSelector.Select([agreeing], "mmlu", Direction.Maximize).Winner.Score);
    }

    [Fact]
    public void Other_suites_without_the_metric_do_not_make_runs_incomparable()
    {
        var gsm = new Suite("gsm8k", "gsm8k@1");
        var a = Run("a", 0, 0.6) is var r ? r with { Evals = [.. r.Evals, Ev.On(gsm, "fp-a", "gsm8k", 0.3)] } : null!;
        var result = SweepSelector.Select([a, Run("b", 1, 0.7)], "mmlu", Direction.Maximize);
        Assert.Equal("b", result.Winner.RunId);
    }

    [Fact]
    public void A_run_named_twice_is_refused()
    {
        var ex = Assert.Throws<PipelineException>(() => SweepSelector.Select([Run("a", 0, 0.6), Run("a", 0, 0.6)], "mmlu", Direction.Maximize));
        Assert.Equal(PipeCodes.SweepNoCandidates, ex.Code);
    }
}
