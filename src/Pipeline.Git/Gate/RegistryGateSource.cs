using Pipeline.Core.Canonical;
using Pipeline.Core.Evals;
using Pipeline.Core.Gate;
using Pipeline.Core.Registry;
using Pipeline.Git.Registry;

namespace Pipeline.Git.Gate;

/// <summary>The gate's view of the registry store: records read at the commit their version tag points at, aliases from tags.</summary>
public sealed class RegistryGateSource(RegistryStore store) : IGateRegistry
{
    public RegistryStore Store { get; } = store;

    public Contender? Version(string model, string version) =>
        Store.Record(model, SemVer.Parse(version)) is { } record ? RecordContender.From(record) : null;

    public string? Champion(string model, string alias) =>
        Store.State(model).Aliases.GetValueOrDefault(alias)?.ToString();

    /// <summary>
    /// Who holds each alias now and since when (the stage-order rule): the time of the earliest assignment tag in the
    /// unbroken run of assignments of the current version, so re-assigning the same version does not reset the clock.
    /// </summary>
    public GateContext Context(string model, DateTimeOffset now)
    {
        var holdings = new Dictionary<string, AliasHolding>(StringComparer.Ordinal);
        foreach (var group in Store.State(model, withMessages: true).AliasEvents.GroupBy(e => e.Alias, StringComparer.Ordinal))
        {
            var events = group.ToArray();
            if (events[^1] is not { Assigned: true, Version: { } current })
            {
                continue;
            }

            var since = events[^1].Tag.Time;
            for (var i = events.Length - 1; i >= 0 && events[i].Assigned && current.Equals(events[i].Version); i--)
            {
                since = events[i].Tag.Time ?? since;
            }

            holdings[group.Key] = new AliasHolding(current.ToString(), since);
        }

        return new GateContext(holdings, now);
    }

    /// <summary>
    /// The champion as the gate judges it: its record, plus the evaluated scores a gate already accepted for it when it
    /// was promoted (the candidate evidence in its assignment tags' decisions). A version promoted on an <c>--eval FILE</c>
    /// carries that score only in its tag; without it, the champion would read as "no comparable champion" and any
    /// challenger over the threshold, however much worse, would replace it.
    /// </summary>
    public Contender? ChampionContender(string model, string version)
    {
        if (Version(model, version) is not { } champion)
        {
            return null;
        }

        var accepted = new List<EvalResult>();
        foreach (var (tag, info) in Store.State(model, withMessages: true).Annotated)
        {
            if (tag.Action == TagAction.Assign && AcceptedScore(TagMessage.Payload(info.Message)?["evidence"], version, info.Name) is { } result)
            {
                accepted.Add(result);
            }
        }

        return accepted.Count == 0 ? champion : champion with { Evals = [.. champion.Evals, .. accepted] };
    }

    private static EvalResult? AcceptedScore(Value? evidence, string version, string tagName)
    {
        if (evidence is not ObjectValue d
            || d["schema"] is not StringValue { Value: "gate-decision-v1" }
            || d["promote"] is not BoolValue { Value: true }
            || d["gate"] is not ObjectValue gate || gate["metric"] is not StringValue metric
            || d["candidate"] is not ObjectValue c || c["version"] is not StringValue v || v.Value != version
            || c["evidence"] is not ObjectValue e || e["evaluated"] is not StringValue evaluated
            || e["suite"] is not ObjectValue suite || suite["name"] is not StringValue name || suite["fingerprint"] is not StringValue fp)
        {
            return null;
        }

        double? score = c["score"] switch
        {
            FloatValue f => f.Value,
            IntegerValue i => (double)i.Value,
            _ => null,
        };
        return score is { } s && double.IsFinite(s)
            ? new EvalResult(
                new Suite(name.Value, fp.Value),
                evaluated.Value,
                new Dictionary<string, double> { [metric.Value] = s },
                $"tag {tagName}")
            : null;
    }
}
