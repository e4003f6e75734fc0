using Pipeline.Core.Artifacts;
using Pipeline.Core.Canonical;
using Pipeline.Core.Evals;

namespace Pipeline.Core.Tracking;

/// <summary>
/// One run of the ledger, <c>registry/runs/&lt;id&gt;.json</c>. Params stay a <see cref="Value"/> tree so a config's
/// typing (int 16 vs float 16.0 vs string "16") survives into the record and into any fingerprint built from it.
/// The full metric series lives beside the record (<see cref="SeriesFile"/>); the record carries only summaries,
/// so listing a thousand runs never reads a million points.
/// </summary>
public sealed record RunRecord
{
    public const string SchemaId = "pipeline.run/v1";

    public required string Id { get; init; }

    public required string Name { get; init; }

    public string? Experiment { get; init; }

    public string? Method { get; init; }

    /// <summary>As written. Use <see cref="RunLedger.EffectiveStatus"/> to learn whether a "running" run is dead.</summary>
    public required RunStatus Status { get; init; }

    public required DateTimeOffset Start { get; init; }

    public DateTimeOffset? End { get; init; }

    public ObjectValue Params { get; init; } = new(Array.Empty<Member>());

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, MetricSummary> Metrics { get; init; } = new SortedDictionary<string, MetricSummary>(StringComparer.Ordinal);

    /// <summary>Number of points in the series file (0 when there is none).</summary>
    public long SeriesPoints { get; init; }

    public IReadOnlyList<Artifact> Artifacts { get; init; } = [];

    /// <summary>The lineage as far as it is known (e.g. only <c>code_commit</c> from an MLflow tag).</summary>
    public ObjectValue? Lineage { get; init; }

    /// <summary>lineage-v1 fingerprint, present only when the lineage has every REQUIRED field.</summary>
    public string? Fingerprint { get; init; }

    public IReadOnlyList<EvalResult> Evals { get; init; } = [];

    /// <summary>Where an ingested run came from: format (jsonl, dvclive, mlflow, api) and the path or id given.</summary>
    public RunOrigin? Origin { get; init; }

    /// <summary>Set while a run is written live by <see cref="RunLogger"/>; lets readers tell a live run from a dead one.</summary>
    public RunWriter? Writer { get; init; }

    /// <summary>
    /// True when the series is the compact binary file (<c>&lt;id&gt;.series.bin</c>, <see cref="CompactSeries"/>), false
    /// for the JSONL file live writers append to and older ledgers hold.
    /// </summary>
    public bool CompactSeries { get; init; }

    /// <summary>Set when the compact series is kept in Git LFS or DVC rather than git objects (<see cref="SeriesPolicy"/>).</summary>
    public StoredSeries? SeriesStorage { get; init; }

    public string SeriesFile => Id + (CompactSeries ? Tracking.CompactSeries.Suffix : RunLedger.SeriesSuffix);
}

/// <summary>
/// Where an ingested run came from. <paramref name="Digest"/> is the sha256 of the source as read
/// (<see cref="Ingest.SourceDigest"/>): ingesting the same bytes again finds this run instead of making a second one.
/// </summary>
public sealed record RunOrigin(string Format, string Path, string? ExternalId, string? Digest = null);

public sealed record RunWriter(string Host, int Pid);
