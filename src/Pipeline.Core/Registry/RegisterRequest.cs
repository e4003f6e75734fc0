using Pipeline.Core.Artifacts;
using Pipeline.Core.Canonical;
using Pipeline.Core.Evals;

namespace Pipeline.Core.Registry;

/// <summary>What <c>register</c> is asked to record. <see cref="Version"/> null → bump <see cref="Bump"/> from the greatest version.</summary>
public sealed record RegisterRequest(
    string Model,
    ObjectValue Lineage,
    Value? LineageSources = null,
    Artifact? Artifact = null,
    IReadOnlyList<EvalResult>? Evals = null,
    Value? Metrics = null,
    string? Description = null,
    SemVer? Version = null,
    BumpPart Bump = BumpPart.Patch,
    bool ForceNew = false,
    string? Run = null);

/// <summary>The outcome of <c>register</c>: <see cref="Created"/> false when the fingerprint was already registered.</summary>
public sealed record RegisterResult(
    string Model, SemVer Version, string Fingerprint, string Commit, string Tag, bool Created, string RecordPath, string? Parent = null);

/// <summary>The outcome of an alias move (assign, unassign, rollback): the tag written, or why nothing was written.</summary>
public sealed record AliasResult(
    string Model,
    string Alias,
    SemVer? Version,
    SemVer? Previous,
    string? Tag,
    long? Counter,
    bool Created,
    AssignDecision Decision);
