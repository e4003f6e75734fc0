using Pipeline.Core.Evals;

namespace Pipeline.Core.Sweep;

/// <summary>A run with a finite evaluated score, at its place in the ranking (1 = the winner).</summary>
public sealed record RankedRun(int Rank, string RunId, double Score, DateTimeOffset StartedAt, EvalResult Evidence);

/// <summary>A run that could not be ranked and why: no evidence for the metric, or a non-finite score.</summary>
public sealed record UnrankedRun(string RunId, string Reason, double? Score = null);

/// <summary>The outcome of a sweep selection: the ranking on one suite, runs that could not take part, and what was ignored.</summary>
public sealed record SweepResult(
    string Metric,
    Direction Direction,
    Suite Suite,
    IReadOnlyList<RankedRun> Ranking,
    IReadOnlyList<UnrankedRun> Unranked,
    IReadOnlyDictionary<string, IReadOnlyList<IgnoredEvidence>> Ignored)
{
    public RankedRun Winner => Ranking[0];
}
