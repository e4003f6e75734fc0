using Pipeline.Core.Registry;

namespace Pipeline.Core.Serving;

/// <summary>
/// What a pushed registry tag means (GTO's <c>check-ref</c>): the event (register, assign, unassign, deprecate), its
/// model, version, alias and counter, and whether it is still the current state — an alias tag is current only when no
/// event of that alias has a higher counter, so an older tag pushed late never redeploys an old version.
/// <see cref="CurrentTag"/>/<see cref="CurrentVersion"/> say what the alias holds now (null version: empty).
/// </summary>
public sealed record RefCheck(
    string Ref,
    string Tag,
    string Event,
    string Model,
    SemVer? Version,
    string? Alias,
    long? Counter,
    bool Current,
    string? CurrentTag,
    SemVer? CurrentVersion,
    string Commit,
    string? Actor,
    DateTimeOffset? Time,
    string? Reason);
