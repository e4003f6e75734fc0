using Pipeline.Core.Diagnostics;
using Pipeline.Core.Evals;

namespace Pipeline.Core.Sweep;

/// <summary>
/// Picks a sweep's winner from evaluated scores only (docs/design.md §5). The rules, and the failure each prevents:
/// - one suite fingerprint across all candidates, else refuse: ranking across suites crowns whichever run got the
///   easier eval (a phantom 0.99 on a smaller suite);
/// - only eval results bound to what the run produced: a run cannot borrow another model's result or advertise its own;
/// - ties go to the earliest run (start time, then id), so re-running a sweep cannot reorder a tie;
/// - non-finite scores never win;
/// - a run without evidence for the metric is excluded and named (see <see cref="UnrankedRun"/>), not fatal: one crashed
///   or not-yet-evaluated run should not veto the sweep, and since it has no evidence it can never be the winner.
/// </summary>
public static class SweepSelector
{
    public static SweepResult Select(IReadOnlyList<Candidate> candidates, string metric, Direction direction, string? cohort = null)
    {
        if (candidates.Count == 0)
        {
            throw new PipelineException(PipeCodes.SweepNoCandidates, "no runs to select from");
        }

        var duplicate = candidates.GroupBy(c => c.RunId, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new PipelineException(PipeCodes.SweepNoCandidates, $"run '{duplicate.Key}' is named more than once",
                hint: "Name each run once; a run counted twice would weigh a tie.");
        }

        var bound = new Dictionary<string, IReadOnlyList<EvalResult>>(StringComparer.Ordinal);
        var ignored = new Dictionary<string, IReadOnlyList<IgnoredEvidence>>(StringComparer.Ordinal);
        foreach (var c in candidates)
        {
            var (b, i) = Evidence.Bind(c.Evals, c.Subjects, metric, cohort);
            bound[c.RunId] = b;
            ignored[c.RunId] = i;
        }

        var suites = bound.Values.SelectMany(b => b).Select(e => e.Suite)
            .DistinctBy(s => s.Fingerprint, StringComparer.Ordinal)
            .OrderBy(s => s.Fingerprint, StringComparer.Ordinal)
            .ToArray();
        if (suites.Length > 1)
        {
            var listing = suites.Select(s =>
            {
                var runs = candidates.Where(c => bound[c.RunId].Any(e => e.Suite.Fingerprint == s.Fingerprint)).Select(c => c.RunId);
                return $"{s.Fingerprint} (suite {s.Name}; runs {string.Join(", ", runs)})";
            });
            throw new PipelineException(PipeCodes.SweepIncomparable,
                $"incomparable runs, {suites.Length} eval fingerprints: {string.Join("; ", listing)}");
        }

        var ranked = new List<(Candidate Run, double Score, EvalResult Evidence)>();
        var unranked = new List<UnrankedRun>();
        foreach (var c in candidates)
        {
            var evidence = bound[c.RunId];
            if (evidence.Count == 0)
            {
                unranked.Add(new UnrankedRun(c.RunId, MissingReason(c, metric, cohort, ignored[c.RunId])));
                continue;
            }

            var (score, result) = Evidence.ScoreOf(evidence, metric, $"run '{c.RunId}'");
            if (!double.IsFinite(score))
            {
                unranked.Add(new UnrankedRun(c.RunId, $"score '{metric}' is {Evidence.Format(score)}; a non-finite score never wins", score));
                continue;
            }

            ranked.Add((c, score, result));
        }

        if (ranked.Count == 0)
        {
            var why = string.Join("; ", unranked.Select(u => $"{u.RunId}: {u.Reason}"));
            throw new PipelineException(PipeCodes.SweepNoScore,
                $"no run has an evaluated, finite score for '{metric}'{(cohort is null ? "" : $" on suite {cohort}")}: {why}");
        }

        var ordered = ranked
            .OrderBy(r => direction == Direction.Maximize ? -r.Score : r.Score)
            .ThenBy(r => r.Run.StartedAt)
            .ThenBy(r => r.Run.RunId, StringComparer.Ordinal)
            .Select((r, i) => new RankedRun(i + 1, r.Run.RunId, r.Score, r.Run.StartedAt, r.Evidence))
            .ToArray();
        return new SweepResult(metric, direction, ordered[0].Evidence.Suite, ordered, unranked, ignored);
    }

    private static string MissingReason(Candidate c, string metric, string? cohort, IReadOnlyList<IgnoredEvidence> ignored)
    {
        var reason = $"no eval result for '{metric}'{(cohort is null ? "" : $" on suite {cohort}")} evaluating what this run produced";
        if (c.Subjects.Count == 0)
        {
            reason += " (the run records no model fingerprint or artifact digest)";
        }

        if (ignored.Count > 0)
        {
            reason += $"; ignored {ignored.Count}: " + string.Join("; ", ignored.Select(i => i.Reason));
        }

        if (c.SelfReported is not null && c.SelfReported.TryGetValue(metric, out var self))
        {
            reason += $"; its self-reported '{metric}' = {Evidence.Format(self)} is not evidence";
        }

        return reason;
    }
}
