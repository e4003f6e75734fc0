using Pipeline.Core.Tracking;

namespace Pipeline.Core.Gate;

/// <summary>
/// The gate's view of a ledger run: the points of the keys the gate's health rules name, read from the run's series
/// file (<c>&lt;id&gt;.series.jsonl</c>). Only those keys are kept, so a million-point run costs one streaming pass.
/// </summary>
public static class LedgerRunSeries
{
    public static IRunSeries Load(string runId, SeriesReader reader, IEnumerable<string> keys)
    {
        var wanted = new HashSet<string>(keys, StringComparer.Ordinal);
        var series = new Dictionary<string, List<SeriesPoint>>(StringComparer.Ordinal);
        var logged = new SortedSet<string>(StringComparer.Ordinal);
        if (wanted.Count > 0)
        {
            foreach (var p in reader.Read())
            {
                logged.Add(p.Key);
                if (!wanted.Contains(p.Key))
                {
                    continue;
                }

                if (!series.TryGetValue(p.Key, out var list))
                {
                    series[p.Key] = list = [];
                }

                list.Add(new SeriesPoint(p.Step, p.Value));
            }
        }

        return new RunSeries(
            runId,
            series.ToDictionary(p => p.Key, p => (IReadOnlyList<SeriesPoint>)p.Value, StringComparer.Ordinal),
            logged.ToArray());
    }
}
