using Pipeline.Core.Evals;

namespace Pipeline.Core.Gate;

/// <summary>
/// A registered model version as the gate sees it: what it IS (<paramref name="Subjects"/>: its lineage fingerprint
/// and artifact digests), the eval results attached to it, and whether its lineage was recorded dirty.
/// <paramref name="SelfReported"/> (the record's own metrics) is shown as ignored, never scored.
/// </summary>
public sealed record Contender(
    string Version,
    IReadOnlyCollection<string> Subjects,
    IReadOnlyList<EvalResult> Evals,
    bool Dirty = false,
    IReadOnlyDictionary<string, double>? SelfReported = null);
