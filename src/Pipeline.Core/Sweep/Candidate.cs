using Pipeline.Core.Evals;

namespace Pipeline.Core.Sweep;

/// <summary>
/// One run of a sweep as selection sees it. <paramref name="Subjects"/> are what the run produced (its model's
/// lineage fingerprint and its artifacts' digests): only eval results whose <c>evaluated</c> is one of them count.
/// <paramref name="SelfReported"/> is what the run logged about itself; it is carried only to say that it was ignored.
/// </summary>
public sealed record Candidate(
    string RunId,
    DateTimeOffset StartedAt,
    IReadOnlyList<EvalResult> Evals,
    IReadOnlyCollection<string> Subjects,
    IReadOnlyDictionary<string, double>? SelfReported = null);
