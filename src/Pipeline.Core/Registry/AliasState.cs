namespace Pipeline.Core.Registry;

/// <summary>
/// What an assignment decides on: the alias's current version (the champion), the version asked for, and the counter
/// the new tag will take. Re-read and passed again to the decision after a lost race, because the champion may have
/// changed in between.
/// </summary>
public sealed record AliasState(
    string Model,
    string Alias,
    SemVer? Current,
    AliasEvent? CurrentEvent,
    SemVer Candidate,
    long NextCounter,
    IReadOnlyList<AliasEvent> History);

/// <summary>
/// What a decision function answers for an <see cref="AliasState"/>. <paramref name="Evidence"/> (the gate's decision)
/// is a value that goes into the tag as it is: never written to a string and parsed back.
/// </summary>
public sealed record AssignDecision(bool Proceed, string Reason, Pipeline.Core.Canonical.Value? Evidence = null)
{
    public static AssignDecision Go(string reason = "", Pipeline.Core.Canonical.Value? evidence = null) => new(true, reason, evidence);

    public static AssignDecision Refuse(string reason, Pipeline.Core.Canonical.Value? evidence = null) => new(false, reason, evidence);
}
