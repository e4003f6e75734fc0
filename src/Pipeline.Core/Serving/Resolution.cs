using Pipeline.Core.Artifacts;
using Pipeline.Core.Registry;

namespace Pipeline.Core.Serving;

/// <summary>
/// What a serving job needs to know about <c>MODEL#ALIAS</c> or <c>MODEL@VERSION</c>: the version, its fingerprint,
/// the commit and tag that registered it, its artifact (URI and digests) and, for an alias, the event that made it
/// the alias's version.
/// </summary>
public sealed record Resolution(
    string Model,
    string? Alias,
    SemVer Version,
    string? Fingerprint,
    string Commit,
    string VersionTag,
    AliasEventInfo? Event,
    Artifact? Artifact);

/// <summary>
/// One alias event as a deploy log shows it: the tag, its counter, what it did, who and when (the tagger), the reason
/// the tag's message carries, and the version the alias held before.
/// </summary>
public sealed record AliasEventInfo(
    string Tag,
    string Action,
    string Alias,
    long Counter,
    SemVer? Version,
    SemVer? Previous,
    string? Actor,
    DateTimeOffset? Time,
    string? Reason,
    string Commit);
