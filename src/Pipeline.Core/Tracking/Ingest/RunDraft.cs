using System.Runtime.CompilerServices;
using Pipeline.Core.Artifacts;
using Pipeline.Core.Canonical;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Evals;
using Pipeline.Core.Lineage;

namespace Pipeline.Core.Tracking.Ingest;

/// <summary>
/// A run being assembled by a parser: metadata as the source reveals it, and points streamed straight into the
/// series file while summaries update in O(1) per point, so memory does not grow with the input.
/// Keys are validated once, when first seen; refused keys are collected and reported all together at the end.
/// </summary>
internal sealed class RunDraft(ISeriesSink series, string sourceDisplay)
{
    private readonly Dictionary<string, SummaryAccumulator> _metrics = new(StringComparer.Ordinal);
    private readonly List<Member> _params = [];
    private readonly List<string> _refused = [];
    private readonly HashSet<string> _refusedSet = new(StringComparer.Ordinal);
    private double _firstWall = double.PositiveInfinity;
    private double _lastWall = double.NegativeInfinity;

    public string? Name { get; set; }

    public string? Experiment { get; set; }

    public string? Method { get; set; }

    public RunStatus? Status { get; set; }

    public DateTimeOffset? Start { get; set; }

    public DateTimeOffset? End { get; set; }

    public string? ExternalId { get; set; }

    public SortedDictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);

    public List<Member> Lineage { get; } = [];

    public List<Artifact> Artifacts { get; } = [];

    public List<EvalResult> Evals { get; } = [];

    public long Points => series.Points;

    public void AddPoint(string key, long step, double wall, double value) => AddPoint(key, step, wall, default, value, default);

    /// <summary>A point whose number texts (JSON tokens from the source) can be copied into the series as they are.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddPoint(string key, long step, double wall, ReadOnlySpan<byte> wallText, double value, ReadOnlySpan<byte> valueText)
    {
        if (!_metrics.TryGetValue(key, out var acc))
        {
            if (_refusedSet.Contains(key))
            {
                return;
            }

            if (MetricKeys.Problem(key) is { } why)
            {
                _refusedSet.Add(key);
                _refused.Add($"'{key}' ({why})");
                return;
            }

            acc = new SummaryAccumulator();
            _metrics[key] = acc;
        }

        acc.Add(step, value);
        series.Write(key, step, wall, wallText, value, valueText);
        if (wall < _firstWall)
        {
            _firstWall = wall;
        }

        if (wall > _lastWall)
        {
            _lastWall = wall;
        }
    }

    /// <summary>Params are write-once (MLflow's rule): the same key again must carry the same value.</summary>
    public void AddParam(string key, Value value, string file, int line)
    {
        MetricKeys.Require(key, "param", file, line);
        var existing = _params.FindIndex(m => m.Key == key);
        if (existing >= 0)
        {
            if (CanonicalOrText(_params[existing].Value) != CanonicalOrText(value))
            {
                throw new PipelineException(
                    PipeCodes.ParamConflict,
                    $"param '{key}' logged twice with different values",
                    file,
                    line > 0 ? line : null);
            }

            return;
        }

        _params.Add(new Member(key, value, line));
    }

    public void AddTag(string key, string value, string file)
    {
        MetricKeys.Require(key, "tag", file);
        Tags[key] = value;
    }

    /// <summary>The record; its id is made from the run's own start time so ids sort by when runs ran, not when they were ingested.</summary>
    public RunRecord Build(Func<DateTimeOffset, string> newId, string format, string originPath)
    {
        if (_refused.Count > 0)
        {
            throw new PipelineException(
                PipeCodes.MetricKeyInvalid,
                $"metric key{(_refused.Count > 1 ? "s" : "")} refused: {string.Join(", ", _refused.Take(20))}",
                sourceDisplay);
        }

        var start = Start ?? (double.IsFinite(_firstWall) ? FromSeconds(_firstWall) : DateTimeOffset.UtcNow);
        var end = End ?? (Status is RunStatus.Running ? null : double.IsFinite(_lastWall) ? FromSeconds(_lastWall) : start);
        ObjectValue? lineage = Lineage.Count > 0 ? new ObjectValue(Lineage.ToArray()) : null;
        string? fingerprint = null;
        if (lineage is not null && LineageFields.Required.All(k => lineage[k] is not null))
        {
            fingerprint = Fingerprint.Compute(lineage, sourceDisplay);
        }

        return new RunRecord
        {
            Id = newId(start),
            Name = Name ?? "run",
            Experiment = Experiment,
            Method = Method,
            Status = Status ?? RunStatus.Finished,
            Start = start,
            End = end,
            Params = new ObjectValue(_params.ToArray()),
            Tags = Tags,
            Metrics = new SortedDictionary<string, MetricSummary>(
                _metrics.ToDictionary(p => p.Key, p => p.Value.ToSummary()),
                StringComparer.Ordinal),
            SeriesPoints = series.Points,
            Artifacts = Artifacts,
            Lineage = lineage,
            Fingerprint = fingerprint,
            Evals = Evals,
            Origin = new RunOrigin(format, originPath, ExternalId),
        };
    }

    /// <summary>
    /// Whether seconds since the epoch name an instant a record can hold (years 1-9999), or are unknown (NaN).
    /// Sources check this with the line in hand: a wild time would otherwise escape later, while the record is built.
    /// </summary>
    public static bool IsTime(double seconds) =>
        double.IsNaN(seconds) || (seconds >= MinSeconds && seconds <= MaxSeconds);

    public const string TimeRange = "a time between years 1 and 9999 (seconds since the epoch)";

    private static readonly double MinSeconds = DateTimeOffset.MinValue.ToUnixTimeSeconds();
    private static readonly double MaxSeconds = DateTimeOffset.MaxValue.ToUnixTimeSeconds();

    public static DateTimeOffset FromSeconds(double seconds) => DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000));

    private static string CanonicalOrText(Value v) => v is FloatValue f && !double.IsFinite(f.Value) ? f.Value.ToString() : CanonicalJson.Write(v);
}
