using Pipeline.Core.Diagnostics;
using Pipeline.Core.Evals;

namespace Pipeline.Core.Sweep;

/// <summary>An eval result that was not counted, and why (shown so a user sees what was refused as evidence).</summary>
public sealed record IgnoredEvidence(EvalResult Result, string Reason);

/// <summary>
/// The one rule selection and gating share: an eval result is evidence about a run or a model version only when its
/// <c>evaluated</c> names what that run/version produced. Scores a run reports about itself are never evidence,
/// and a result about another model cannot be borrowed.
/// </summary>
public static class Evidence
{
    public static bool IsAbout(EvalResult result, IReadOnlyCollection<string> subjects) =>
        subjects.Any(s => s.Length > 0 && result.Evaluates(s));

    /// <summary>Splits <paramref name="evals"/> into results with a score for <paramref name="metric"/> about the subjects, and the rest.</summary>
    public static (IReadOnlyList<EvalResult> Bound, IReadOnlyList<IgnoredEvidence> Ignored) Bind(
        IEnumerable<EvalResult> evals, IReadOnlyCollection<string> subjects, string metric, string? suiteFingerprint = null)
    {
        var bound = new List<EvalResult>();
        var ignored = new List<IgnoredEvidence>();
        foreach (var e in evals)
        {
            if (!IsAbout(e, subjects))
            {
                ignored.Add(new IgnoredEvidence(e, subjects.Count == 0
                    ? $"evaluates {e.Evaluated}, but no model fingerprint or artifact digest is recorded to bind it to"
                    : $"evaluates {e.Evaluated}, not this model ({string.Join(", ", subjects)})"));
            }
            else if (!e.Scores.ContainsKey(metric))
            {
                ignored.Add(new IgnoredEvidence(e, $"has no score '{metric}'"));
            }
            else if (suiteFingerprint is not null && !string.Equals(e.Suite.Fingerprint, suiteFingerprint, StringComparison.Ordinal))
            {
                ignored.Add(new IgnoredEvidence(e, $"is on suite {e.Suite.Name} ({e.Suite.Fingerprint}), not {suiteFingerprint}"));
            }
            else
            {
                bound.Add(e);
            }
        }

        return (bound, ignored);
    }

    /// <summary>
    /// The score of <paramref name="metric"/> among results on ONE suite. Several results that agree are one fact;
    /// results that disagree are refused rather than resolved, because picking one would let the best of several
    /// attempts on the same eval stand in for the model's score.
    /// </summary>
    public static (double Score, EvalResult Result) ScoreOf(IReadOnlyList<EvalResult> sameSuite, string metric, string who)
    {
        var first = sameSuite[0];
        var score = first.Scores[metric];
        foreach (var other in sameSuite.Skip(1))
        {
            var s = other.Scores[metric];
            if (!(s.Equals(score)))
            {
                throw new PipelineException(PipeCodes.ConflictingEvidence,
                    $"{who} has {sameSuite.Count} eval results for '{metric}' on suite {first.Suite.Name} ({first.Suite.Fingerprint}) that disagree: "
                    + string.Join(", ", sameSuite.Select(r => $"{Format(r.Scores[metric])} ({r.Source ?? "in record"})")),
                    other.Source);
            }
        }

        return (score, first);
    }

    internal static string Format(double d) => double.IsNaN(d) ? "NaN" : d.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
