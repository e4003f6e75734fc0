using Pipeline.Core.Evals;
using Pipeline.Core.Sweep;

namespace Pipeline.Core.Gate;

/// <summary>How the candidate's score stands against the alias's champion.</summary>
public enum Comparison
{
    /// <summary>Strictly better than the champion on the same suite.</summary>
    Beats,

    /// <summary>Exactly equal: the champion holds.</summary>
    Ties,

    Loses,

    /// <summary>The alias points at nothing: the threshold alone decides.</summary>
    NoChampion,

    /// <summary>The champion has no usable evidence on the gate's suite: the threshold alone decides, and the output says so.</summary>
    NoComparableChampion,

    /// <summary>The candidate has no evaluated, finite score on the gate's suite: nothing to compare.</summary>
    CandidateUnscored,

    /// <summary>The candidate already holds the alias.</summary>
    AlreadyChampion,
}

/// <summary>A contender's score on the gate's suite, with the eval result it came from (null when there is none).</summary>
public sealed record ScoredVersion(string Version, double? Score, EvalResult? Evidence, string Note);

/// <summary>
/// The gate's answer and all its evidence. <see cref="GateDecisionJson.ToValue"/> is the JSON that goes into the
/// alias assignment tag, so a later reader can see which gate, which scores and which rules moved the alias.
/// </summary>
public sealed record GateDecision(
    bool Promote,
    string Model,
    string Alias,
    GateFile Gate,
    ScoredVersion Candidate,
    ScoredVersion? Champion,
    Comparison Comparison,
    string ComparisonDetail,
    IReadOnlyList<RuleVerdict> Rules,
    string? RunId,
    IReadOnlyList<IgnoredEvidence> IgnoredEvidence,
    IReadOnlyDictionary<string, double>? IgnoredSelfReported)
{
    public string Verdict => Promote ? "promote" : "hold";

    /// <summary>Why the candidate was held (empty when promoted): each failing rule, then the comparison if it blocked.</summary>
    public IReadOnlyList<string> Reasons =>
        Rules.Where(r => !r.Passed).Select(r => $"{r.Rule}: {r.Detail}")
            .Concat(ComparisonBlocks(Comparison) ? [ComparisonDetail] : [])
            .ToArray();

    internal static bool ComparisonBlocks(Comparison c) =>
        c is not (Comparison.Beats or Comparison.NoChampion or Comparison.NoComparableChampion);
}
