using Pipeline.Core.Canonical;

namespace Pipeline.Core.Registry;

/// <summary>
/// A model's events oldest first. Order: time, then registrations before alias events before holds before
/// deregistrations and deprecations (CI often tags a version and its first alias in the same second; a hold is decided
/// after reading the alias events it saw), then counter (holds: their line in the decision log), then tag name:
/// deterministic even for same-second events, where GTO falls back to alphabetical order.
/// </summary>
public static class RegistryHistory
{
    private const int RegistrationRank = 0;
    private const int AliasRank = 1;
    private const int HoldRank = 2;
    private const int DeregistrationRank = 3;
    private const int DeprecationRank = 4;

    public static IReadOnlyList<HistoryEvent> Of(ModelState state, IReadOnlyList<GateHold>? holds = null)
    {
        var events = new List<(int Rank, long Sequence, HistoryEvent Event)>();
        var aliasEvents = state.AliasEvents.ToDictionary(e => e.Tag.Name, StringComparer.Ordinal);
        foreach (var (tag, info) in state.Annotated)
        {
            var payload = TagMessage.Payload(info.Message);
            var reason = payload?["reason"] is StringValue r && r.Value.Length > 0 ? r.Value : null;
            var evidence = payload?["evidence"];
            var subject = TagMessage.Subject(info.Message);
            var counter = tag.Counter ?? 0;
            switch (tag.Action)
            {
                case TagAction.Register:
                    events.Add((RegistrationRank, counter, new HistoryEvent("registration", info.Name, info.TargetCommit, tag.Version, null, tag.Counter, null, tag.Version, info.Tagger, info.Time, reason, evidence, subject)));
                    break;
                case TagAction.Deregister:
                    events.Add((DeregistrationRank, counter, new HistoryEvent("deregistration", info.Name, info.TargetCommit, tag.Version, null, tag.Counter, tag.Version, null, info.Tagger, info.Time, reason, evidence, subject)));
                    break;
                case TagAction.Deprecate:
                    events.Add((DeprecationRank, counter, new HistoryEvent("deprecation", info.Name, info.TargetCommit, null, null, tag.Counter, null, null, info.Tagger, info.Time, reason, evidence, subject)));
                    break;
                case TagAction.Assign or TagAction.Unassign when aliasEvents.TryGetValue(info.Name, out var e):
                    events.Add((AliasRank, counter, new HistoryEvent(e.Assigned ? "assignment" : "unassignment", info.Name, info.TargetCommit, e.Version, e.Alias, e.Counter,
                        e.Previous, e.Assigned ? e.Version : null, info.Tagger, info.Time, reason, evidence, subject)));
                    break;
            }
        }

        foreach (var h in holds ?? [])
        {
            events.Add((HoldRank, h.Line, new HistoryEvent("hold", null, null, h.Version, h.Alias, null, h.Champion, h.Champion, h.Actor, h.Time,
                h.Reason.Length > 0 ? h.Reason : null, h.Decision, $"Gate held {h.Model} version {h.Version} for {h.Alias}", h.Champion)));
        }

        return events
            .OrderBy(x => x.Event.Time ?? DateTimeOffset.MinValue)
            .ThenBy(x => x.Rank)
            .ThenBy(x => x.Sequence)
            .ThenBy(x => x.Event.Tag ?? "", StringComparer.Ordinal)
            .Select(x => x.Event)
            .ToArray();
    }
}
