using Pipeline.Core.Canonical;
using Pipeline.Core.Evals;
using Pipeline.Core.Tracking;

namespace Pipeline.Core.Tests.Tracking.Search;

/// <summary>Run records built in code for the search tests: params typed as a YAML/JSON reader would type them.</summary>
internal static class SearchRuns
{
    public static RunRecord Run(string id, (string Key, Value Value)[]? parameters = null, (string Key, double Min, double Last)[]? metrics = null,
        (string Key, string Value)[]? tags = null, string? method = null, (string Suite, string Metric, double Score)[]? evals = null,
        RunStatus status = RunStatus.Finished) => new()
        {
            Id = id,
            Name = "run-" + id,
            Method = method,
            Status = status,
            Start = new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero),
            Params = new ObjectValue((parameters ?? []).Select(p => new Member(p.Key, p.Value, 0)).ToArray()),
            Tags = new SortedDictionary<string, string>((tags ?? []).ToDictionary(t => t.Key, t => t.Value), StringComparer.Ordinal),
            Metrics = new SortedDictionary<string, MetricSummary>(
                (metrics ?? []).ToDictionary(m => m.Key, m => new MetricSummary(m.Last, 10, m.Min, Math.Max(m.Min, m.Last), 10, 0, 0)),
                StringComparer.Ordinal),
            Evals = (evals ?? [])
                .Select(e => new EvalResult(new Suite(e.Suite, "sha256:" + e.Suite), "fp", new Dictionary<string, double> { [e.Metric] = e.Score }))
                .ToArray(),
        };
}
