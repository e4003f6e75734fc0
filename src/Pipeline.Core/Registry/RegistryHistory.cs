using Pipeline.Core.Canonical;

namespace Pipeline.Core.Registry;

/// <summary>
/// A model's events oldest first. Order: tagger time, then registrations before alias events before deprecations
/// (CI often tags a version and its first alias in the same second), then counter, then tag name: deterministic even
/// for same-second tags, where GTO falls back to alphabetical order.
/// </summary>
public static class RegistryHistory
{
    public static IReadOnlyList<HistoryEvent> Of(ModelState state)
    {
        var events = new List<(int Rank, HistoryEvent Event)>();
        var aliasEvents = state.AliasEvents.ToDictionary(e => e.Tag.Name, StringComparer.Ordinal);
        foreach (var (tag, info) in state.Annotated)
        {
            var payload = TagMessage.Payload(info.Message);
            var reason = payload?["reason"] is StringValue r && r.Value.Length > 0 ? r.Value : null;
            var evidence = payload?["evidence"];
            var subject = TagMessage.Subject(info.Message);
            switch (tag.Action)
            {
                case TagAction.Register:
                    events.Add((0, new HistoryEvent("registration", info.Name, info.TargetCommit, tag.Version, null, tag.Counter, null, tag.Version, info.Tagger, info.Time, reason, evidence, subject)));
                    break;
                case TagAction.Deregister:
                    events.Add((2, new HistoryEvent("deregistration", info.Name, info.TargetCommit, tag.Version, null, tag.Counter, tag.Version, null, info.Tagger, info.Time, reason, evidence, subject)));
                    break;
                case TagAction.Deprecate:
                    events.Add((3, new HistoryEvent("deprecation", info.Name, info.TargetCommit, null, null, tag.Counter, null, null, info.Tagger, info.Time, reason, evidence, subject)));
                    break;
                case TagAction.Assign or TagAction.Unassign when aliasEvents.TryGetValue(info.Name, out var e):
                    events.Add((1, new HistoryEvent(e.Assigned ? "assignment" : "unassignment", info.Name, info.TargetCommit, e.Version, e.Alias, e.Counter,
                        e.Previous, e.Assigned ? e.Version : null, info.Tagger, info.Time, reason, evidence, subject)));
                    break;
            }
        }

        return events
            .OrderBy(x => x.Event.Time ?? DateTimeOffset.MinValue)
            .ThenBy(x => x.Rank)
            .ThenBy(x => x.Event.Counter ?? 0)
            .ThenBy(x => x.Event.Tag, StringComparer.Ordinal)
            .Select(x => x.Event)
            .ToArray();
    }
}
