using Pipeline.Core.Canonical;

namespace Pipeline.Core.Registry;

/// <summary>
/// One event of a model's history. From a tag (registration, deregistration, deprecation, assignment, unassignment):
/// who and when (tagger), what moved (<see cref="From"/> → <see cref="To"/>), and the reason/evidence the tag's JSON
/// carries (absent for GTO's own tags). Or a refusal from the model's decision log (<c>hold</c>): no tag and no commit,
/// <see cref="Version"/> the refused candidate, <see cref="Champion"/> the version the alias kept (also as
/// From → To, so replaying from → to never reads a hold as a move), the gate decision as evidence.
/// </summary>
public sealed record HistoryEvent(
    string Kind,
    string? Tag,
    string? Commit,
    SemVer? Version,
    string? Alias,
    long? Counter,
    SemVer? From,
    SemVer? To,
    string? Actor,
    DateTimeOffset? Time,
    string? Reason,
    Value? Evidence,
    string Subject,
    SemVer? Champion = null);
