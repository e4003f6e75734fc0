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
        var builder = new Builder();
        foreach (var p in points)
        {
            builder.Add(p.Step, p.Value);
        }

        return builder.Build(label, maxPoints);
    }

    /// <summary>
    /// One key's points as they stream in: the report feeds every point of a run straight into its key's builder, so
    /// no per-point record (key string, wall time) is kept and only the doubles the chart needs are stored.
    /// </summary>
    internal sealed class Builder
    {
        private readonly List<double> _steps = new(256);
        private readonly List<double> _values = new(256);
        private readonly List<(double, double)> _bad = [];
        private long _total;

        public void Add(long step, double value)
        {
            _total++;
            if (double.IsFinite(value))
            {
                _steps.Add(step);
                _values.Add(value);
            }
            else
            {
                _bad.Add((step, value));
            }
        }

        public ChartSeries Build(string label, int maxPoints = MaxPoints)
        {
            // Series files are in logging order; a resumed trainer may re-log steps, so order by step (stable) first.
            // Most series are already in step order: then the copy is the sort.
            var steps = _steps;
            var values = _values;
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
            var points = new (double Step, double Value)[kept.Length];
            for (var i = 0; i < kept.Length; i++)
            {
                points[i] = (x[kept[i]], y[kept[i]]);
            }

            return new ChartSeries(label, points, _bad, _total);
        }
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
