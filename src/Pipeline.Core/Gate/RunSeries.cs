namespace Pipeline.Core.Gate;

/// <summary>One logged point of a metric series. NaN and infinities are data (a diverged run), never dropped.</summary>
public readonly record struct SeriesPoint(long Step, double Value);

/// <summary>
/// The candidate run's metric series as the gate's health rules see them (key → points). The tracking ledger's run
/// files are adapted to this; tests build it in memory.
/// </summary>
public interface IRunSeries
{
    /// <summary>The run these series belong to (named in the decision's evidence).</summary>
    string RunId { get; }

    /// <summary>The points of <paramref name="key"/> in logging order, or false when the run never logged that key.</summary>
    bool TryGet(string key, out IReadOnlyList<SeriesPoint> points);

    /// <summary>Every series key the run logged (not only those read), so a rule naming a missing one can list the others.</summary>
    IReadOnlyCollection<string> Logged { get; }
}

/// <summary>Series held in memory.</summary>
public sealed class RunSeries(
    string runId,
    IReadOnlyDictionary<string, IReadOnlyList<SeriesPoint>> series,
    IReadOnlyCollection<string>? logged = null) : IRunSeries
{
    public string RunId { get; } = runId;

    public IReadOnlyCollection<string> Logged { get; } = logged ?? series.Keys.Order(StringComparer.Ordinal).ToArray();

    public bool TryGet(string key, out IReadOnlyList<SeriesPoint> points)
    {
        if (series.TryGetValue(key, out var p))
        {
            points = p;
            return true;
        }

        points = [];
        return false;
    }

    /// <summary>Points with steps 0, 1, 2, … (convenient for tests and simple logs).</summary>
    public static IReadOnlyList<SeriesPoint> Steps(params double[] values) =>
        values.Select((v, i) => new SeriesPoint(i, v)).ToArray();
}
