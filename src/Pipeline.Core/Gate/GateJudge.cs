using Pipeline.Core.Evals;
using Pipeline.Core.Sweep;

namespace Pipeline.Core.Gate;

/// <summary>
/// Decides champion vs challenger (docs/design.md §5). Promote iff every rule passes (evidence on the gate's suite about THIS
/// model, the threshold, a clean lineage, every health rule) AND the candidate strictly beats the champion's evaluated
/// score on the same suite. A tie holds the champion: moving an alias must be earned, and a tie-promotes rule would let
/// re-registering the same model churn production. Pure: reads nothing, writes nothing.
/// </summary>
public static class GateJudge
{
    public static GateDecision Decide(GateFile gate, string model, string alias, Contender candidate, Contender? champion, IRunSeries? series,
        GateContext? context = null)
    {
        // The alias's own section (staging looser than production) laid over the top-level rules; the decision records which.
        gate = gate.ForAlias(alias);
        var rules = new List<RuleVerdict>();
        var (candidateScore, ignored) = Score(gate.Suite, gate.Metric, candidate, "candidate " + candidate.Version);
        rules.Add(candidateScore.Evidence is null
            ? new RuleVerdict("evidence", null, false, candidateScore.Note)
            : new RuleVerdict("evidence", candidateScore.Score, candidateScore.Score is not null, candidateScore.Note));

        rules.Add(candidateScore.Score is { } s
            ? new RuleVerdict($"threshold {gate.Direction.ReachSymbol()} {Evidence.Format(gate.Threshold)}", s,
                gate.Direction.Reaches(s, gate.Threshold),
                $"{gate.Metric} = {Evidence.Format(s)} " +
                $"{(gate.Direction.Reaches(s, gate.Threshold) ? gate.Direction.ReachSymbol() : "does not reach")} {Evidence.Format(gate.Threshold)}")
            : new RuleVerdict(
                $"threshold {gate.Direction.ReachSymbol()} {Evidence.Format(gate.Threshold)}",
                null,
                false,
                "no evaluated score to compare"));

        // docs/design.md §2: a dirty lineage names code nobody can check out again; it must never reach an alias.
        rules.Add(new RuleVerdict("clean lineage", null, !candidate.Dirty,
            candidate.Dirty ? "the version was registered from a dirty tree (--allow-dirty)" : "registered from a clean tree"));

        rules.AddRange(gate.Health.Select(h => h.Evaluate(series)));

        ScoredVersion? championScore = null;
        var rival = champion is not null && !string.Equals(champion.Version, candidate.Version, StringComparison.Ordinal) ? champion : null;
        Comparison comparison;
        string detail;
        if (champion is null)
        {
            comparison = Comparison.NoChampion;
            detail = $"alias '{alias}' has no current version: the threshold alone decides";
        }
        else if (string.Equals(champion.Version, candidate.Version, StringComparison.Ordinal))
        {
            championScore = Score(gate.Suite, gate.Metric, champion, "champion " + champion.Version).Score;
            comparison = Comparison.AlreadyChampion;
            detail = $"{candidate.Version} already holds alias '{alias}'";
        }
        else
        {
            championScore = Score(gate.Suite, gate.Metric, champion, "champion " + champion.Version).Score;
            (comparison, detail) = Compare(gate, alias, candidateScore, championScore);
        }

        if (gate.MinImprovement is { } margin)
        {
            rules.Add(ScoreRuleJudge.Improvement(gate, margin, candidateScore, championScore, comparison));
        }

        var used = new HashSet<EvalResult>(ReferenceEqualityComparer.Instance);
        rules.AddRange(gate.NoRegression.Select(r => ScoreRuleJudge.NoRegression(r, candidate, rival, used)));
        rules.AddRange(gate.Bounds.Select(r => ScoreRuleJudge.Bound(r, candidate, used)));
        if (gate.Stage is { } stage)
        {
            rules.Add(ScoreRuleJudge.Stage(stage, candidate.Version, context ?? GateContext.None));
        }

        if (gate.Require.CiEvidence)
        {
            rules.Add(ProvenanceRule.Judge(candidate, candidateScore, used));
        }

        // A result another rule counted (IFEval for a no_regression rule) is evidence, not "ignored" for the primary suite.
        ignored = ignored.Where(i => !used.Contains(i.Result)).ToArray();
        var promote = rules.All(r => r.Passed) && !GateDecision.ComparisonBlocks(comparison);
        return new GateDecision(promote, model, alias, gate, candidateScore, championScore, comparison, detail, rules,
            series?.RunId, ignored, candidate.SelfReported);
    }

    private static (Comparison, string) Compare(GateFile gate, string alias, ScoredVersion candidate, ScoredVersion champion)
    {
        if (candidate.Score is not { } c)
        {
            return (Comparison.CandidateUnscored, "the candidate has no evaluated score to compare with the champion");
        }

        if (champion.Score is not { } k)
        {
            return (Comparison.NoComparableChampion,
                $"no comparable champion: {champion.Version} (alias '{alias}') {champion.Note}; the threshold alone decides");
        }

        var dir = gate.Direction;
        if (dir.Beats(c, k))
        {
            return (
                Comparison.Beats,
                $"{Evidence.Format(c)} {dir.BetterSymbol()} champion {champion.Version} {Evidence.Format(k)}: beats the champion");
        }

        return c.Equals(k)
            ? (Comparison.Ties, $"{Evidence.Format(c)} = champion {champion.Version} {Evidence.Format(k)}: a tie keeps the champion")
            : (Comparison.Loses, $"{Evidence.Format(c)} does not beat champion {champion.Version} {Evidence.Format(k)} ({dir.Name()})");
    }

    /// <summary>A contender's finite score for <paramref name="metric"/> on <paramref name="suite"/>, bound to what it IS.</summary>
    internal static (ScoredVersion Score, IReadOnlyList<IgnoredEvidence> Ignored) Score(Suite suite, string metric, Contender who, string label)
    {
        var (bound, ignored) = Evidence.Bind(who.Evals, who.Subjects, metric, suite.Fingerprint);
        if (bound.Count == 0)
        {
            var onOtherSuite = ignored.Where(i => Evidence.IsAbout(i.Result, who.Subjects) && i.Result.Scores.ContainsKey(metric))
                .Select(i => i.Result.Suite.Fingerprint).Distinct().ToArray();
            var note = onOtherSuite.Length > 0
                ? $"has '{metric}' only on other suites ({string.Join(", ", onOtherSuite)}), not on {suite.Fingerprint}"
                : $"has no eval result for '{metric}' on suite {suite.Name} ({suite.Fingerprint}) evaluating {Subjects(who)}";
            return (new ScoredVersion(who.Version, null, null, note), ignored);
        }

        var (score, result) = Evidence.ScoreOf(bound, metric, label);
        if (!double.IsFinite(score))
        {
            return (
                new ScoredVersion(
                    who.Version,
                    null,
                    result,
                    $"'{metric}' is {Evidence.Format(score)} on {suite.Fingerprint}; a non-finite score never counts"),
                ignored);
        }

        return (new ScoredVersion(who.Version, score, result,
            $"{metric} = {Evidence.Format(score)} on {result.Suite.Name} ({result.Suite.Fingerprint}) evaluating {result.Evaluated}"
            + (result.Source is null ? "" : $" ({result.Source})")), ignored);
    }

    private static string Subjects(Contender who) =>
        who.Subjects.Count == 0 ? "(no fingerprint or artifact recorded)" : string.Join(" or ", who.Subjects);
}
