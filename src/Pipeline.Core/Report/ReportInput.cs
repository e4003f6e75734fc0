using Pipeline.Core.Registry;
using Pipeline.Core.Tracking;

namespace Pipeline.Core.Report;

/// <summary>Everything a report shows, read from the registry and the run ledger at one ref.</summary>
public sealed record ReportInput(string Source, DateTimeOffset Generated, IReadOnlyList<ModelReport> Models, IReadOnlyList<RunReport> Runs)
{
    public MetricNames MetricNames { get; init; } = MetricNames.None;
}

/// <summary>A model: its versions (greatest first), its current aliases, and its history (tags and gate refusals).</summary>
public sealed record ModelReport(
    string Name,
    IReadOnlyList<VersionReport> Versions,
    IReadOnlyDictionary<string, SemVer> Aliases,
    IReadOnlyList<HistoryEvent> History);

/// <summary>A version: its record when the ref holds it (a tag without a record is shown as such), deprecated or not.</summary>
public sealed record VersionReport(SemVer Version, VersionRecord? Record, bool Deprecated, string? Commit);

/// <summary>A run and a way to stream its series (read only when its page is written, one run at a time).</summary>
public sealed record RunReport(RunRecord Run, Func<IEnumerable<MetricPoint>> Series);
