using Pipeline.Core.Gate;

namespace Pipeline.Core.Tests.Gate;

/// <summary>
/// The edges of the health rules that a one-character change to HealthRule.cs would move unnoticed: infinity in the
/// no-NaN rule, each bound and the collapse floor at exact equality (bench/mutation breaks each of them).
/// </summary>
public sealed class HealthRuleEdgeTests
{
    private static RunSeries Run(string key, params double[] values) =>
        new("run-1", new Dictionary<string, IReadOnlyList<SeriesPoint>> { [key] = RunSeries.Steps(values) });

    [Theory]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void The_nan_rule_refuses_an_infinite_point_not_only_nan(double bad)
    {
        var verdict = new NanRule("loss").Evaluate(Run("loss", 2.0, bad, 1.5));

        Assert.False(verdict.Passed);
        Assert.Equal(1.0, verdict.Value);
        Assert.Contains("Infinity", verdict.Detail);
    }

    [Fact]
    public void The_upper_bound_is_inclusive_at_equality()
    {
        Assert.True(new StatRule("kl", SeriesStat.Max, null, 0.25).Evaluate(Run("kl", 0.125, 0.25)).Passed);
        Assert.False(new StatRule("kl", SeriesStat.Max, null, 0.25).Evaluate(Run("kl", 0.125, 0.25000000000000006)).Passed);
    }

    [Fact]
    public void The_lower_bound_is_inclusive_at_equality()
    {
        Assert.True(new StatRule("reward", SeriesStat.Min, 0.5, null).Evaluate(Run("reward", 0.5, 0.75)).Passed);
        Assert.False(new StatRule("reward", SeriesStat.Min, 0.5, null).Evaluate(Run("reward", 0.49999999999999994, 0.75)).Passed);
    }

    [Fact]
    public void The_collapse_floor_is_inclusive_at_equality()
    {
        // Peak 1.0, floor 0.5 × 1.0 = 0.5, last-2 mean (0.25 + 0.75) / 2 = 0.5: every value exact in binary.
        var rule = new CollapseRule("reward", 2, 0.5);
        var atFloor = rule.Evaluate(Run("reward", 0.25, 1.0, 0.25, 0.75));
        Assert.True(atFloor.Passed, atFloor.Detail);
        Assert.Equal(0.5, atFloor.Value);

        var below = rule.Evaluate(Run("reward", 0.25, 1.0, 0.25, 0.7499999999999999));
        Assert.False(below.Passed, below.Detail);
    }

    [Theory]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void The_collapse_rule_refuses_an_infinite_point(double bad)
    {
        var verdict = new CollapseRule("reward", 2, 0.5).Evaluate(Run("reward", 0.5, bad, 0.9, 0.9));

        Assert.False(verdict.Passed);
        Assert.Contains("non-finite", verdict.Detail);
    }
}
