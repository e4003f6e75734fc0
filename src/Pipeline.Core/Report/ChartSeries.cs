using Pipeline.Core.Tracking;

namespace Pipeline.Core.Report;

/// <summary>
/// One line of a chart, ready to draw: finite points downsampled with <see cref="Lttb"/> to at most
/// <see cref="MaxPoints"/>, and every non-finite point kept aside as a marker (never dropped silently).
/// </summary>
internal sealed record ChartSeries(
    string Label,
    IReadOnlyList<(double Step, double Value)> Points,
    IReadOnlyList<(double Step, double Value)> NonFinite,
    long Total)
{
    public const int MaxPoints = 2_000;

    public static ChartSeries From(string label, IEnumerable<MetricPoint> points, int maxPoints = MaxPoints)
    {
        var steps = new List<double>();
        var values = new List<double>();
        var bad = new List<(double, double)>();
        long total = 0;
        foreach (var p in points)
        {
            total++;
            if (double.IsFinite(p.Value))
            {
                steps.Add(p.Step);
                values.Add(p.Value);
            }
            else
            {
                bad.Add((p.Step, p.Value));
            }
        }

        // Series files are in logging order; a resumed trainer may re-log steps, so order by step (stable) first.
        // Most series are already in step order: then the copy is the sort.
        double[] x, y;
        if (InOrder(steps))
        {
            x = [.. steps];
            y = [.. values];
        }
        else
        {
            var order = Enumerable.Range(0, steps.Count).OrderBy(i => steps[i]).ToArray();
            x = order.Select(i => steps[i]).ToArray();
            y = order.Select(i => values[i]).ToArray();
        }

        var kept = x.Length > 2 ? Lttb.Select(x, y, Math.Max(3, maxPoints)) : Enumerable.Range(0, x.Length).ToArray();
        return new ChartSeries(label, kept.Select(i => (x[i], y[i])).ToArray(), bad, total);
    }

    private static bool InOrder(List<double> steps)
    {
        for (var i = 1; i < steps.Count; i++)
        {
            if (steps[i] < steps[i - 1])
            {
                return false;
            }
        }

        return true;
    }
}
