using System.Runtime.CompilerServices;
namespace Pipeline.Core.Tracking;

/// <summary>
/// What a run record keeps per metric key, computed incrementally while the series streams past.
/// <list type="bullet">
/// <item><c>Last</c>: the value at the greatest step; equal steps go to the point logged later (a re-logged step
/// replaces the earlier value, as a resumed trainer expects). It may be NaN or ±Infinity: a diverged run's last loss
/// is data.</item>
/// <item><c>Min</c>/<c>Max</c>: over finite values only, null when there is none, so NaN or Infinity can never be
/// "the best loss" or "the highest reward".</item>
/// <item><c>Count</c>: every point; <c>NaN</c> and <c>Inf</c> count the non-finite ones among them.</item>
/// </list>
/// </summary>
public sealed record MetricSummary(double Last, long LastStep, double? Min, double? Max, long Count, long NaN, long Inf)
{
    public bool HasNonFinite => NaN + Inf > 0;
}

/// <summary>The mutable accumulator behind <see cref="MetricSummary"/>; one per key, O(1) per point.</summary>
public sealed class SummaryAccumulator
{
    private double _last = double.NaN;
    private long _lastStep = long.MinValue;
    private double _min = double.PositiveInfinity;
    private double _max = double.NegativeInfinity;
    private bool _anyFinite;
    private long _count;
    private long _nan;
    private long _inf;

    public long Count => _count;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(long step, double value)
    {
        _count++;
        if (step >= _lastStep)
        {
            _lastStep = step;
            _last = value;
        }

        if (double.IsNaN(value))
        {
            _nan++;
        }
        else if (double.IsInfinity(value))
        {
            _inf++;
        }
        else
        {
            _anyFinite = true;
            if (value < _min)
            {
                _min = value;
            }

            if (value > _max)
            {
                _max = value;
            }
        }
    }

    public MetricSummary ToSummary() => new(
        _last,
        _count == 0 ? 0 : _lastStep,
        _anyFinite ? _min : null,
        _anyFinite ? _max : null,
        _count,
        _nan,
        _inf);
}
