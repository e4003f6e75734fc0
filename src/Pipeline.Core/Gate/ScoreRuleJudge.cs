using Pipeline.Core.Evals;
using Pipeline.Core.Sweep;

namespace Pipeline.Core.Gate;

/// <summary>
/// The verdicts of the rules beyond threshold and health: the margin over the champion, no regression on other suites,
/// absolute bounds and stage order. Each is judged on its own, so the decision cannot depend on the order they are
/// written in. Differences are taken on the decimal values as written (see <see cref="Exact"/>).
/// </summary>
internal static class ScoreRuleJudge
{
    public static RuleVerdict Improvement(GateFile gate, Margin margin, ScoredVersion candidate, ScoredVersion? champion, Comparison comparison)
    {
        var name = $"min_improvement {margin} over champion";
        if (comparison is Comparison.NoChampion)
        {
            return new RuleVerdict(name, null, true, "no champion: nothing to improve on; the threshold decides");
        }

        if (candidate.Score is not { } c)
        {
            return new RuleVerdict(name, null, false, "the candidate has no evaluated score to measure an improvement");
        }

        if (champion?.Score is not { } k)
        {
            return new RuleVerdict(name, null, true, $"no comparable champion score on {gate.Suite.Fingerprint}: nothing to improve on");
        }

        var gain = Exact.Gain(gate.Direction, c, k);
        var needed = margin.Against(k);
        var passed = gain >= needed && gate.Direction.Beats(c, k);
        var need = margin.Relative ? $"{margin} of {Evidence.Format(k)} = {Exact.Format(needed)}" : Exact.Format(needed);
        return new RuleVerdict(name, (double)gain, passed,
            $"{Evidence.Format(c)} vs champion {champion.Version} {Evidence.Format(k)}: improvement {Exact.Format(gain)} {(passed ? ">=" : "<")} " +
            $"{need}"
            + (passed ? "" : " (within the margin: noise does not move the alias)"));
    }

    public static RuleVerdict NoRegression(NoRegressionRule rule, Contender candidate, Contender? champion, HashSet<EvalResult> used)
    {
        var c = Scored(rule.Suite, rule.Metric, candidate, used);
        if (c.Score is not { } score)
        {
            // Not evaluating the suite must not be a way past the rule.
            return new RuleVerdict(rule.Name, null, false, $"the candidate {c.Note}");
        }

        if (champion is null)
        {
            return new RuleVerdict(rule.Name, score, true, $"{rule.Metric} = {Evidence.Format(score)}; no champion to regress from");
        }

        var k = Scored(rule.Suite, rule.Metric, champion, used);
        if (k.Score is not { } reference)
        {
            return new RuleVerdict(rule.Name, score, true,
                $"{rule.Metric} = {Evidence.Format(score)}; champion {champion.Version} {k.Note}: nothing to regress from");
        }

        var drop = -Exact.Gain(rule.Direction, score, reference);
        var allowed = rule.Tolerance.Against(reference);
        var passed = drop <= allowed;
        var change = drop > 0 ? $"down {Exact.Format(drop)}" : drop < 0 ? $"up {Exact.Format(-drop)}" : "unchanged";
        return new RuleVerdict(rule.Name, score, passed,
            $"{rule.Metric} = {Evidence.Format(score)} vs champion {champion.Version} {Evidence.Format(reference)} ({rule.Direction.Name()}): " +
            $"{change}, "
            + (passed ? "within" : "beyond") + $" tolerance {Exact.Format(allowed)}");
    }

    public static RuleVerdict Bound(BoundRule rule, Contender candidate, HashSet<EvalResult> used)
    {
        var c = Scored(rule.Suite, rule.Metric, candidate, used);
        if (c.Score is not { } score)
        {
            return new RuleVerdict(rule.Name, null, false, $"the candidate {c.Note}");
        }

        var passed = rule.Holds(score);
        var which = rule.Min is { } lo && score < lo ? $"below min {Evidence.Format(lo)}"
            : rule.Max is { } hi && score > hi ? $"above max {Evidence.Format(hi)}"
            : "within bounds";
        return new RuleVerdict(rule.Name, score, passed, $"{rule.Metric} = {Evidence.Format(score)}: {which}");
    }

    public static RuleVerdict Stage(StageRule rule, string candidate, GateContext context)
    {
        if (!context.Holdings.TryGetValue(rule.Alias, out var holding) || holding.Version != candidate)
        {
            var now = holding is null ? "points at nothing" : $"points at {holding.Version}";
            return new RuleVerdict(rule.Name, null, false,
                $"{candidate} must hold '{rule.Alias}' first; '{rule.Alias}' {now} (promote it to {rule.Alias} first)");
        }

        var held = holding.Since is { } since ? context.Now - since : (TimeSpan?)null;
        var hours = held is { } h ? Math.Round(h.TotalHours, 2) : (double?)null;
        if (rule.MinHeld is not { } min)
        {
            return new RuleVerdict(rule.Name, hours, true, $"{candidate} holds '{rule.Alias}'");
        }

        if (held is not { } t || holding.Since is not { } start)
        {
            return new RuleVerdict(rule.Name, null, false, $"{candidate} holds '{rule.Alias}' but the time of its assignment is unknown");
        }

        var passed = t >= min;
        return new RuleVerdict(rule.Name, hours, passed,
            $"{candidate} has held '{rule.Alias}' for " +
            $"{Durations.Format(t < TimeSpan.Zero ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Floor(t.TotalSeconds)))} (since " +
            $"{start.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}), "
            + (passed ? "at least " : "less than ") + Durations.Format(min));
    }

    private static ScoredVersion Scored(Suite suite, string metric, Contender who, HashSet<EvalResult> used)
    {
        var scored = GateJudge.Score(suite, metric, who, who.Version).Score;
        foreach (
            var e in who.Evals.Where(e => e.Scores.ContainsKey(metric)
                && e.Suite.Fingerprint == suite.Fingerprint
                && Evidence.IsAbout(e, who.Subjects)))
        {
            used.Add(e);
        }

        return scored;
    }
}
