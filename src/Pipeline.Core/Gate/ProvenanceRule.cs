using Pipeline.Core.Evals;

namespace Pipeline.Core.Gate;

/// <summary>
/// <c>require: {ci_evidence: true}</c>: every eval result the gate counted for the candidate (its primary score and the
/// results no_regression and bounds rules read) must carry a CI producer. It proves only that the command which
/// attached the result ran where the environment said GitHub Actions; docs/trust-model.md says what that is worth.
/// </summary>
internal static class ProvenanceRule
{
    public const string Name = "ci evidence";

    public static RuleVerdict Judge(Contender candidate, ScoredVersion primary, IReadOnlySet<EvalResult> used)
    {
        var counted = new List<EvalResult>();
        if (primary.Evidence is { } e)
        {
            counted.Add(e);
        }

        // Only the candidate's own results: a champion's evidence can hold the candidate back, never move the alias.
        counted.AddRange(candidate.Evals.Where(r => used.Contains(r) && !ReferenceEquals(r, primary.Evidence)));
        if (counted.Count == 0)
        {
            return new RuleVerdict(Name, null, false, "no eval result was counted for the candidate, so none can show it came from CI");
        }

        var outside = counted.Where(r => r.Producer is not { IsCi: true }).ToArray();
        if (outside.Length > 0)
        {
            return new RuleVerdict(Name, null, false,
                string.Join("; ", outside.Select(r => $"{Label(r)} has no CI producer (attached outside GitHub Actions)"))
                + ": attach the eval results from the CI job that evaluated the model");
        }

        return new RuleVerdict(Name, null, true,
            string.Join("; ", counted.Select(r => $"{Label(r)} from {r.Producer!.Describe()}")));
    }

    private static string Label(EvalResult r) => $"{r.Suite.Name} ({r.Source ?? r.Suite.Fingerprint})";
}
