using FsCheck.Xunit;
using Pipeline.Core.Tracking;

namespace Pipeline.Core.Tests.Tracking;

public sealed class SummaryTests
{
    [Fact]
    public void Nan_and_infinity_are_counted_but_never_win_min_or_max()
    {
        var acc = new SummaryAccumulator();
        acc.Add(0, 2.0);
        acc.Add(1, double.NaN);
        acc.Add(2, double.NegativeInfinity);
        acc.Add(3, double.PositiveInfinity);
        acc.Add(4, 1.5);
        var s = acc.ToSummary();
        Assert.Equal(1.5, s.Min);
        Assert.Equal(2.0, s.Max);
        Assert.Equal(5, s.Count);
        Assert.Equal(1, s.NaN);
        Assert.Equal(2, s.Inf);
        Assert.Equal(1.5, s.Last);
        Assert.Equal(4, s.LastStep);
    }

    [Fact]
    public void Last_is_at_greatest_step_and_a_later_point_wins_a_tie()
    {
        var acc = new SummaryAccumulator();
        acc.Add(10, 1.0);
        acc.Add(3, 9.0);     // back-filled earlier step: not "last"
        acc.Add(10, 0.5);    // re-logged step 10: replaces
        var s = acc.ToSummary();
        Assert.Equal(0.5, s.Last);
        Assert.Equal(10, s.LastStep);
    }

    [Fact]
    public void All_non_finite_gives_null_min_max_and_non_finite_last()
    {
        var acc = new SummaryAccumulator();
        acc.Add(0, double.NaN);
        acc.Add(1, double.NaN);
        var s = acc.ToSummary();
        Assert.Null(s.Min);
        Assert.Null(s.Max);
        Assert.True(double.IsNaN(s.Last));
        Assert.True(s.HasNonFinite);
    }

    /// <summary>The incremental summary equals a brute-force computation over the whole series, NaN/Inf included.</summary>
    [Property(MaxTest = 300)]
    public bool Summary_equals_brute_force(short[] steps, double[] values, byte[] specials)
    {
        var n = Math.Min(steps.Length, values.Length);
        var points = Enumerable.Range(0, n).Select(i =>
        {
            // FsCheck rarely draws NaN/Inf on its own; force a fair share.
            var special = specials.Length > 0 ? specials[i % specials.Length] % 8 : 7;
            var v = special switch { 0 => double.NaN, 1 => double.PositiveInfinity, 2 => double.NegativeInfinity, _ => values[i] };
            return (Step: (long)steps[i], Value: v);
        }).ToArray();

        var acc = new SummaryAccumulator();
        foreach (var p in points)
        {
            acc.Add(p.Step, p.Value);
        }

        var s = acc.ToSummary();

        if (n == 0)
        {
            return s.Count == 0 && s.Min is null && s.Max is null;
        }

        var finite = points.Where(p => double.IsFinite(p.Value)).Select(p => p.Value).ToArray();
        var maxStep = points.Max(p => p.Step);
        var last = points.Last(p => p.Step == maxStep).Value;
        return s.Count == n
            && s.NaN == points.Count(p => double.IsNaN(p.Value))
            && s.Inf == points.Count(p => double.IsInfinity(p.Value))
            && s.LastStep == maxStep
            && s.Last.Equals(last)
            && (finite.Length == 0 ? s.Min is null && s.Max is null : s.Min == finite.Min() && s.Max == finite.Max());
    }
}
