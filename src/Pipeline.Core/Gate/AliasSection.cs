namespace Pipeline.Core.Gate;

/// <summary>
/// One alias's section of gate.yaml: every key it sets replaces the top-level one when that alias moves; keys it leaves
/// out (null here) are inherited. Only a section may require another alias first.
/// </summary>
public sealed record AliasSection(
    double? Threshold,
    Margin? MinImprovement,
    IReadOnlyList<NoRegressionRule>? NoRegression,
    IReadOnlyList<BoundRule>? Bounds,
    IReadOnlyList<HealthRule>? Health,
    StageRule? Stage,
    int Line)
{
    /// <summary><c>require: {ci_evidence: …}</c> in the section (null: the top-level requirement holds).</summary>
    public bool? CiEvidence { get; init; }
}
