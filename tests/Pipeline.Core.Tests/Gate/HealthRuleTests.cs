using Pipeline.Core.Gate;

namespace Pipeline.Core.Tests.Gate;

public sealed class HealthRuleTests
{
    private static RunSeries Run(string key, params double[] values) =>
        new("run-1", new Dictionary<string, IReadOnlyList<SeriesPoint>> { [key] = RunSeries.Steps(values) });

    [Theory]
    [InlineData(SeriesStat.Last, 0.1, true)]
    [InlineData(SeriesStat.Max, 0.9, false)]
    [InlineData(SeriesStat.Min, 0.05, true)]
    [InlineData(SeriesStat.Mean, 0.35, false)]
    public void Stat_rules_measure_their_statistic_against_the_bound(SeriesStat stat, double expected, bool passes)
    {
        var verdict = new StatRule("kl", stat, null, 0.2).Evaluate(Run("kl", 0.9, 0.05, 0.35, 0.1));
        Assert.Equal(expected, verdict.Value!.Value, 10);
        Assert.Equal(passes, verdict.Passed);
    }

    [Fact]
    public void Last_means_the_highest_step_not_the_last_logged()
    {
        var series = new RunSeries("r", new Dictionary<string, IReadOnlyList<SeriesPoint>>
        {
            ["kl"] = [new(10, 0.1), new(30, 0.5), new(20, 0.1)],
        });
        var verdict = new StatRule("kl", SeriesStat.Last, null, 0.2).Evaluate(series);
        Assert.False(verdict.Passed);
        Assert.Equal(0.5, verdict.Value);
    }

    [Fact]
    public void Bounds_are_inclusive_and_both_sides_are_checked()
    {
        Assert.True(new StatRule("e", SeriesStat.Min, 0.5, 1.0).Evaluate(Run("e", 0.5, 1.0)).Passed);
        Assert.False(new StatRule("e", SeriesStat.Max, 0.5, 1.0).Evaluate(Run("e", 0.5, 1.01)).Passed);
    }

    [Fact]
    public void Na_n_is_data_it_fails_stats_and_the_nan_rule()
    {
        var run = Run("loss", 2.0, double.NaN, 1.5);
        Assert.False(new StatRule("loss", SeriesStat.Max, null, 10).Evaluate(run).Passed);
        Assert.False(new StatRule("loss", SeriesStat.Mean, null, 10).Evaluate(run).Passed);
        var nan = new NanRule("loss").Evaluate(run);
        Assert.False(nan.Passed);
        Assert.Contains("step 1", nan.Detail);
        Assert.True(new NanRule("loss").Evaluate(Run("loss", 2.0, 1.5)).Passed);
    }

    [Theory]
    [InlineData(SeriesStat.Last, double.NegativeInfinity, null, 0.2)]   // a diverged KL must not pass "final KL <= 0.2"
    [InlineData(SeriesStat.Last, double.PositiveInfinity, 0.5, null)]   // nor an exploded reward "final reward >= 0.5"
    [InlineData(SeriesStat.Mean, double.PositiveInfinity, 0.5, null)]
    [InlineData(SeriesStat.Max, double.PositiveInfinity, 0.5, null)]
    [InlineData(SeriesStat.Min, double.NegativeInfinity, null, 10.0)]
    public void An_infinite_statistic_never_passes_a_bound(SeriesStat stat, double bad, double? min, double? max)
    {
        var verdict = new StatRule("x", stat, min, max).Evaluate(Run("x", 1.0, 0.9, bad));
        Assert.False(verdict.Passed);
        Assert.Null(verdict.Value);
        Assert.Contains("Infinity", verdict.Detail);
    }

    [Fact]
    public void A_missing_series_or_no_run_fails()
    {
        Assert.False(new NanRule("loss").Evaluate(Run("kl", 1)).Passed);
        Assert.Contains("no points for series 'loss'", new NanRule("loss").Evaluate(Run("kl", 1)).Detail);
        Assert.False(new StatRule("kl", SeriesStat.Last, null, 1).Evaluate(null).Passed);
    }

    [Fact]
    public void Reward_collapse_compares_the_last_window_mean_with_the_fraction_of_peak()
    {
        var rule = new CollapseRule("reward", 3, 0.5);
        var healthy = rule.Evaluate(Run("reward", 0.1, 0.4, 0.8, 0.7, 0.6, 0.5));
        Assert.True(healthy.Passed);
        Assert.Equal(0.6, healthy.Value!.Value, 10);

        var collapsed = rule.Evaluate(Run("reward", 0.1, 0.4, 0.8, 0.3, 0.2, 0.1));
        Assert.False(collapsed.Passed);
        Assert.Contains("< 0.4", collapsed.Detail);

        Assert.False(rule.Evaluate(Run("reward", 0.8, 0.8)).Passed);
        Assert.False(rule.Evaluate(Run("reward", -3, -2, -2.5)).Passed);
    }
}
