using Pipeline.Core.Canonical;

namespace Pipeline.Core.Registry;

/// <summary>
/// A model's events oldest first. Tag events: time, then registrations before alias events before deregistrations and
/// deprecations (CI often tags a version and its first alias in the same second), then counter, then tag name:
/// deterministic even for same-second tags, where GTO falls back to alphabetical order.
/// Holds (from the decision log) are placed by the counter, not by the one-second clock: after every alias event the
/// decision saw (counter ≤ its seen_counter) and after the holds logged before it, before any alias event it did not
/// see, and within that window after the events whose time is not later than its own.
/// </summary>
public static class RegistryHistory
{
    private const string Hold = "hold";

    public static IReadOnlyList<HistoryEvent> Of(ModelState state, IReadOnlyList<GateHold>? holds = null)
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
                    events.Add(
                        (0,
                            new HistoryEvent(
                                "registration", info.Name, info.TargetCommit, tag.Version, null, tag.Counter, null, tag.Version, info.Tagger,
                                info.Time, reason, evidence, subject)));
                    break;
                case TagAction.Deregister:
                    events.Add(
                        (2,
                            new HistoryEvent(
                                "deregistration", info.Name, info.TargetCommit, tag.Version, null, tag.Counter, tag.Version, null, info.Tagger,
                                info.Time, reason, evidence, subject)));
                    break;
                case TagAction.Deprecate:
                    events.Add(
                        (3,
                            new HistoryEvent(
                                "deprecation", info.Name, info.TargetCommit, null, null, tag.Counter, null, null, info.Tagger, info.Time, reason,
                                evidence, subject)));
                    break;
                case TagAction.Assign or TagAction.Unassign when aliasEvents.TryGetValue(info.Name, out var e):
                    events.Add(
                        (1, new HistoryEvent(e.Assigned ? "assignment" : "unassignment", info.Name, info.TargetCommit, e.Version, e.Alias, e.Counter,
                        e.Previous, e.Assigned ? e.Version : null, info.Tagger, info.Time, reason, evidence, subject)));
                    break;
            }
        }

        var ordered = events
            .OrderBy(x => x.Event.Time ?? DateTimeOffset.MinValue)
            .ThenBy(x => x.Rank)
            .ThenBy(x => x.Event.Counter ?? 0)
            .ThenBy(x => x.Event.Tag, StringComparer.Ordinal)
            .Select(x => x.Event)
            .ToList();
        // Wall clocks lie (one writer two years ahead); counters do not: alias events keep the slots time gave them but
        // fill them in counter order, so the last move shown is the one resolution uses.
        var slots = Enumerable.Range(0, ordered.Count).Where(i => IsAlias(ordered[i])).ToArray();
        var byCounter = slots.Select(i => ordered[i]).OrderBy(e => e.Counter ?? 0).ThenBy(e => e.Tag, StringComparer.Ordinal).ToArray();
        for (var i = 0; i < slots.Length; i++)
        {
            ordered[slots[i]] = byCounter[i];
        }

        foreach (var hold in (holds ?? []).OrderBy(h => h.Line))
        {
            Place(ordered, hold);
        }

        return ordered;
    }

    private static void Place(List<HistoryEvent> events, GateHold h)
    {
        var after = -1;
        var before = events.Count;
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (e.Kind == Hold || (IsAlias(e) && e.Counter <= h.SeenCounter))
            {
                after = i;
            }
            else if (IsAlias(e) && i < before)
            {
                before = i;
            }
        }

        // Tags whose times disagree with their counters (skewed clocks): the counters the hold saw win.
        if (before <= after)
        {
            before = after + 1;
        }

        var at = after + 1;
        while (at < before && (events[at].Time ?? DateTimeOffset.MinValue) <= h.Time)
        {
            at++;
        }

        events.Insert(at, new HistoryEvent(Hold, null, null, h.Version, h.Alias, null, h.Champion, h.Champion, h.Actor, h.Time,
            h.Reason.Length > 0 ? h.Reason : null, h.Decision, $"Gate held {h.Model} version {h.Version} for {h.Alias}", h.Champion));
    }

    private static bool IsAlias(HistoryEvent e) => e.Kind is "assignment" or "unassignment";
}
