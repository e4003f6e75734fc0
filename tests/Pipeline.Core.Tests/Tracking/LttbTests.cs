using FsCheck;
using FsCheck.Fluent;
using Pipeline.Core.Tracking;

namespace Pipeline.Core.Tests.Tracking;

public sealed class LttbTests
{
    /// <summary>Whatever the series: first and last kept, at most the threshold, strictly ascending indices (a subset, in order).</summary>
    [FsCheck.Xunit.Property(MaxTest = 300)]
    public Property Keeps_ends_stays_within_the_threshold_and_returns_a_subset_in_order()
    {
        var series = Gen.Choose(0, 400).SelectMany(n => Gen.Choose(-1000, 1000).ArrayOf(n));
        return Prop.ForAll(series.ToArbitrary(), Gen.Choose(3, 50).ToArbitrary(), (ys, threshold) =>
        {
            var x = Enumerable.Range(0, ys.Length).Select(i => (double)i).ToArray();
            var y = ys.Select(v => v / 7.0).ToArray();
            var kept = Lttb.Select(x, y, threshold);
            var ordered = kept.Zip(kept.Skip(1)).All(p => p.First < p.Second);
            var ends = ys.Length == 0 || (kept[0] == 0 && kept[^1] == ys.Length - 1);
            var size = kept.Length == Math.Min(ys.Length, threshold);
            return ordered && ends && size;
        });
    }

    [Fact]
    public void A_spike_survives_downsampling()
    {
        // 10,000 flat points and one spike: a naive stride would drop it; the largest triangle keeps it.
        var x = Enumerable.Range(0, 10_000).Select(i => (double)i).ToArray();
        var y = x.Select(v => v == 4_321 ? 100.0 : 1.0).ToArray();
        var kept = Lttb.Select(x, y, 100);
        Assert.Contains(4_321, kept);
        Assert.Equal(100, kept.Length);
    }

    [Fact]
    public void A_threshold_below_three_is_refused() => Assert.Throws<ArgumentOutOfRangeException>(() => Lttb.Select([1.0], [1.0], 2));
}
