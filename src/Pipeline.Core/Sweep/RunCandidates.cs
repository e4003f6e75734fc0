using Pipeline.Core.Tracking;

namespace Pipeline.Core.Sweep;

/// <summary>How a run record of the ledger becomes a sweep <see cref="Candidate"/>.</summary>
public static class RunCandidates
{
    /// <summary>
    /// Subjects are the run's lineage fingerprint and its artifacts' sha256 digests: what an eval harness can name as
    /// <c>evaluated</c>. The run's metric summaries are kept only as the self-reported values that are ignored.
    /// </summary>
    public static Candidate From(RunRecord run) => new(
        run.Id,
        run.Start,
        run.Evals,
        Subjects(run),
        run.Metrics.ToDictionary(m => m.Key, m => m.Value.Last, StringComparer.Ordinal));

    public static IReadOnlyCollection<string> Subjects(RunRecord run) =>
        new[] { run.Fingerprint }
            .Concat(run.Artifacts.Select(a => a.Sha256))
            .OfType<string>()
            .Where(s => s.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
}
