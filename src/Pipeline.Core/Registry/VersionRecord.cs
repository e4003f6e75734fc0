using Pipeline.Core.Artifacts;
using Pipeline.Core.Canonical;
using Pipeline.Core.Evals;

namespace Pipeline.Core.Registry;

/// <summary>
/// One registered version: <c>registry/&lt;model&gt;/&lt;version&gt;.json</c> (docs/design.md §3). Immutable once committed.
/// JSON field names: model, version, scheme, fingerprint, lineage, lineage_sources, artifact {uri, kind, sha256, size,
/// manifest [{path, sha256, size}]}, evals [EvalResult], metrics, run, description, created_at, created_by.
/// </summary>
public sealed record VersionRecord(
    string Model,
    SemVer Version,
    string Fingerprint,
    string Scheme,
    ObjectValue Lineage,
    Value? LineageSources,
    Artifact? Artifact,
    IReadOnlyList<EvalResult> Evals,
    Value? Metrics,
    string? Description,
    DateTimeOffset CreatedAt,
    string CreatedBy)
{
    /// <summary>
    /// The run in the ledger that produced this version (its id), when registered with --run: it links the version to its
    /// series for the gate's health rules and protects the run from <c>runs prune</c>.
    /// </summary>
    public string? Run { get; init; }

    /// <summary>The record's path inside the repository, e.g. <c>registry/demo/v1.4.0.json</c>.</summary>
    public static string PathOf(string registryDir, string model, SemVer version) => $"{registryDir.TrimEnd('/')}/{model}/{version}.json";

    public string Path(string registryDir) => PathOf(registryDir, Model, Version);
}
