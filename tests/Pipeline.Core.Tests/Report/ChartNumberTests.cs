using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Pipeline.Core.Report;

namespace Pipeline.Core.Tests.Report;

public sealed class ChartNumberTests
{
    /// <summary>The allocation-free coordinate writer prints exactly what Html.Num prints, whatever the number.</summary>
    [FsCheck.Xunit.Property(MaxTest = 2000)]
    public Property Append_num_writes_the_same_text_as_num()
    {
        var numbers = Gen.OneOf(
            Gen.Choose(-100_000, 100_000).Select(i => i / 1000.0),
            Gen.Choose(0, 56_000).Select(i => i / 100.0 + 0.005),
            ArbMap.Default.GeneratorFor<double>(),
            Gen.Elements(0.0, -0.0, 0.005, 0.015, -0.004, 1e16, -1e300, double.NaN, double.PositiveInfinity, 123.455, 559.995));
        return Prop.ForAll(numbers.ToArbitrary(), v => Html.AppendNum(new StringBuilder(), v).ToString() == Html.Num(v));
    }

    [Fact]
    public void Ordered_and_shuffled_steps_give_the_same_chart()
    {
        var points = Enumerable.Range(0, 5000)
            .Select(i => new Pipeline.Core.Tracking.MetricPoint("loss", i, double.NaN, Math.Sin(i / 50.0)))
            .ToArray();
        var ordered = ChartSeries.From("loss", points);
        var shuffled = ChartSeries.From("loss", points.OrderBy(p => (p.Step * 7919) % 5000));
        Assert.Equal(ordered.Points, shuffled.Points);
        Assert.Equal(ChartSeries.MaxPoints, ordered.Points.Count);
    }
}
