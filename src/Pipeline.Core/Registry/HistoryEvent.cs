using Pipeline.Core.Canonical;

namespace Pipeline.Core.Registry;

/// <summary>
/// One event of a model's history (registration, deregistration, deprecation, assignment, unassignment), from its
/// tag: who and when (tagger), what moved (<see cref="From"/> → <see cref="To"/>), and the reason/evidence the tag's
/// JSON carries (absent for GTO's own tags).
/// </summary>
public sealed record HistoryEvent(
    string Kind,
    string Tag,
    string Commit,
    SemVer? Version,
    string? Alias,
    long? Counter,
    SemVer? From,
    SemVer? To,
    string? Actor,
    DateTimeOffset? Time,
    string? Reason,
    Value? Evidence,
    string Subject);
