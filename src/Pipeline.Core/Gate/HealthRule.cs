using System.Globalization;

namespace Pipeline.Core.Gate;

/// <summary>A rule over the candidate run's series (gate.yaml <c>health:</c>). A missing series fails: a gate cannot be passed by not
/// logging.</summary>
public abstract record HealthRule(string Series, int Line)
{
    public abstract string Describe();

    public RuleVerdict Evaluate(IRunSeries? run)
    {
        if (run is null)
        {
            return new RuleVerdict(Describe(), null, false, "no run series available for the candidate (register it with --run ID, or pass --run)");
        }

        if (!run.TryGet(Series, out var points) || points.Count == 0)
        {
            var logged = run.Logged.Where(k => k != Series).ToArray();
            return new RuleVerdict(Describe(), null, false, $"run '{run.RunId}' has no points for series '{Series}'; "
                + (logged.Length == 0 ? "it logged no series" : "it logged: " +
                    $"{string.Join(", ", logged.Take(20))}{(logged.Length > 20 ? $" and {logged.Length - 20} more" : "")}"));
        }

        // Logged order is not always step order (resumed runs); the rules speak of steps.
        var ordered = points.Select((p, i) => (p, i)).OrderBy(x => x.p.Step).ThenBy(x => x.i).Select(x => x.p).ToArray();
        return Judge(ordered);
    }

    protected abstract RuleVerdict Judge(IReadOnlyList<SeriesPoint> points);

    protected static string F(double d) =>
        double.IsNaN(d) ? "NaN" : double.IsPositiveInfinity(d) ? "Infinity" : double.IsNegativeInfinity(d) ? "-Infinity"
        : d.ToString("R", CultureInfo.InvariantCulture);

    protected static double? Finite(double d) => double.IsFinite(d) ? d : null;
}

public enum SeriesStat
{
    Last,
    Min,
    Max,
    Mean,
}

/// <summary><c>{series, stat: last|min|max|mean, max: x, min: y}</c>: the statistic must lie within the bounds (inclusive).</summary>
public sealed record StatRule(string Series, SeriesStat Stat, double? Min, double? Max, int Line = 0) : HealthRule(Series, Line)
{
    public override string Describe()
    {
        var bounds = string.Join(" and ", new[] { Min is { } lo ? $">= {F(lo)}" : null, Max is { } hi ? $"<= {F(hi)}" : null }.OfType<string>());
        return $"{Stat.ToString().ToLowerInvariant()}({Series}) {bounds}";
    }

    protected override RuleVerdict Judge(IReadOnlyList<SeriesPoint> points)
    {
        var value = Stat switch
        {
            SeriesStat.Last => points[^1].Value,
            // Any NaN makes min/max/mean NaN: Math.Min/Max propagate it, and a diverged point must not hide.
            SeriesStat.Min => points.Select(p => p.Value).Aggregate(Math.Min),
            SeriesStat.Max => points.Select(p => p.Value).Aggregate(Math.Max),
            _ => points.Average(p => p.Value),
        };
        var name = $"{Stat.ToString().ToLowerInvariant()}({Series})";
        if (double.IsNaN(value))
        {
            return new RuleVerdict(Describe(), null, false, $"{name} is NaN over {points.Count} points");
        }

        // An infinite statistic is a diverged series too: -Infinity would pass "max: 0.2" and +Infinity "min: 0.5".
        if (double.IsInfinity(value))
        {
            return new RuleVerdict(
                Describe(),
                null,
                false,
                $"{name} is {F(value)} over {points.Count} points; a non-finite value never passes a bound");
        }

        var failures = new List<string>();
        if (Min is { } lo && !(value >= lo))
        {
            failures.Add($"{F(value)} < {F(lo)}");
        }

        if (Max is { } hi && !(value <= hi))
        {
            failures.Add($"{F(value)} > {F(hi)}");
        }

        return failures.Count == 0
            ? new RuleVerdict(Describe(), Finite(value), true, $"{name} = {F(value)}")
            : new RuleVerdict(Describe(), Finite(value), false, $"{name} = {string.Join(", ", failures)}");
    }
}

/// <summary><c>{series, nan: forbid}</c>: no NaN or infinite point anywhere in the series (training diverged).</summary>
public sealed record NanRule(string Series, int Line = 0) : HealthRule(Series, Line)
{
    public override string Describe() => $"no NaN in {Series}";

    protected override RuleVerdict Judge(IReadOnlyList<SeriesPoint> points)
    {
        var bad = points.Where(p => !double.IsFinite(p.Value)).ToArray();
        return bad.Length == 0
            ? new RuleVerdict(Describe(), 0, true, $"{points.Count} points, all finite")
            : new RuleVerdict(Describe(), bad.Length, false,
                $"{bad.Length} of {points.Count} points are not finite, first at step {bad[0].Step} ({F(bad[0].Value)})");
    }
}

/// <summary>
/// <c>{series: reward, collapse: {window: N, min_fraction_of_peak: f}}</c>: the mean of the last N points must be at
/// least f × the series' peak. Catches RL runs whose reward rose and then collapsed, which a final-value rule misses.
/// </summary>
public sealed record CollapseRule(string Series, int Window, double MinFractionOfPeak, int Line = 0) : HealthRule(Series, Line)
{
    public override string Describe() => $"{Series} not collapsed (mean of last {Window} >= {F(MinFractionOfPeak)} x peak)";

    protected override RuleVerdict Judge(IReadOnlyList<SeriesPoint> points)
    {
        if (points.Count < Window)
        {
            return new RuleVerdict(Describe(), null, false, $"{Series} has {points.Count} points, fewer than the window of {Window}");
        }

        if (points.Any(p => !double.IsFinite(p.Value)))
        {
            return new RuleVerdict(Describe(), null, false, $"{Series} has non-finite points; collapse cannot be judged");
        }

        var peak = points.Max(p => p.Value);
        var tail = points.Skip(points.Count - Window).Average(p => p.Value);
        if (peak <= 0)
        {
            // A fraction of a non-positive peak is no floor at all (0.5 × -2 = -1 is above the peak): refuse to call it healthy.
            return new RuleVerdict(Describe(), tail, false, $"peak {Series} is {F(peak)}; a fraction-of-peak rule needs a positive peak");
        }

        var floor = MinFractionOfPeak * peak;
        return tail >= floor
            ? new RuleVerdict(Describe(), tail, true, $"last-{Window} mean {F(tail)} >= {F(floor)} ({F(MinFractionOfPeak)} x peak {F(peak)})")
            : new RuleVerdict(Describe(), tail, false, $"last-{Window} mean {F(tail)} < {F(floor)} ({F(MinFractionOfPeak)} x peak {F(peak)})");
    }
}
