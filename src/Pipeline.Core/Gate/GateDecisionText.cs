using Pipeline.Core.Sweep;

namespace Pipeline.Core.Gate;

/// <summary>The human form of a decision: the gate, every rule with its value and verdict, the comparison, the outcome.</summary>
public static class GateDecisionText
{
    public static IEnumerable<string> Lines(GateDecision d)
    {
        var g = d.Gate;
        yield return $"gate {g.Origin} ({g.Digest[..Math.Min(g.Digest.Length, 19)]}…): {g.Metric} on {g.Suite.Name} ({g.Suite.Fingerprint}), " +
            $"{g.Direction.Name()}, threshold {Evidence.Format(g.Threshold)}"
            + (g.MinImprovement is { } m ? $", min_improvement {m}" : "") + (g.Section is { } section ? $" (section '{section}')" : "");
        yield return $"candidate {d.Model}@{d.Candidate.Version} for alias '{d.Alias}'" + (d.RunId is null ? "" : $" (run {d.RunId})");
        foreach (var r in d.Rules)
        {
            yield return $"  {(r.Passed ? "pass" : "FAIL"),-4}  {r.Rule}: {r.Detail}";
        }

        var champion = d.Champion is null
            ? "none"
            : $"{d.Champion.Version} ({(d.Champion.Score is { } s ? Evidence.Format(s) : "no comparable score")})";
        yield return $"  champion: {champion}";
        yield return $"  {(GateDecision.ComparisonBlocks(d.Comparison) ? "FAIL" : "pass"),-4}  comparison: {d.ComparisonDetail}";
        foreach (var i in d.IgnoredEvidence)
        {
            yield return $"  ignored eval result {i.Result.Source ?? ""} ({i.Result.Suite.Fingerprint}): {i.Reason}";
        }

        if (d.IgnoredSelfReported is { Count: > 0 } self && self.ContainsKey(g.Metric))
        {
            yield return $"  ignored self-reported {g.Metric} = {Evidence.Format(self[g.Metric])} (only eval results count)";
        }

        yield return d.Promote ? "decision: PROMOTE" : $"decision: HOLD ({string.Join("; ", d.Reasons)})";
    }
}
