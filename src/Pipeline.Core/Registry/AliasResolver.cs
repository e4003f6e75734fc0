namespace Pipeline.Core.Registry;

/// <summary>
/// The current version of an alias is given by the model's assignment/unassignment tag with the HIGHEST counter for
/// that alias (docs/design.md §4). No clock is involved: GTO orders by one-second tag times and breaks ties alphabetically,
/// which makes same-second CI tags ambiguous; the counter is unique per model because creating a tag is a CAS.
/// Equal counters (only possible with hand-made tags) resolve by ordinal tag name, the later name winning, so the
/// answer is still deterministic (<c>m#prod#3</c> beats <c>m#prod!#3</c>); doctor reports them.
/// </summary>
public static class AliasResolver
{
    public static int Compare(AliasEvent a, AliasEvent b)
    {
        var c = a.Counter.CompareTo(b.Counter);
        return c != 0 ? c : string.CompareOrdinal(a.Tag.Name, b.Tag.Name);
    }

    /// <summary>alias → its winning event (which may be an unassignment: the alias is then empty).</summary>
    public static IReadOnlyDictionary<string, AliasEvent> Latest(IEnumerable<AliasEvent> events)
    {
        var latest = new Dictionary<string, AliasEvent>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            if (!latest.TryGetValue(e.Alias, out var seen) || Compare(e, seen) > 0)
            {
                latest[e.Alias] = e;
            }
        }

        return latest;
    }

    /// <summary>alias → current version, only for aliases whose winning event is an assignment of a known version.</summary>
    public static IReadOnlyDictionary<string, SemVer> Current(IEnumerable<AliasEvent> events) =>
        Latest(events)
            .Where(p => p.Value.Assigned && p.Value.Version is not null)
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ToDictionary(p => p.Key, p => p.Value.Version!, StringComparer.Ordinal);
}
