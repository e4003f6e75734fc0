namespace Pipeline.Core.Tracking.Search;

/// <summary>
/// <c>--sort metrics.mmlu:desc,params.lr</c>: keys applied in order; numbers before texts; a run lacking the key sorts
/// last whatever the direction, so "best first" never starts with runs that have no score.
/// </summary>
public sealed record RunOrder(IReadOnlyList<(RunField Field, bool Descending)> Keys)
{
    public static RunOrder Parse(string text)
    {
        var keys = new List<(RunField, bool)>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = part.LastIndexOf(':');
            var direction = colon >= 0 ? part[(colon + 1)..].ToLowerInvariant() : "asc";
            if (direction is not ("asc" or "desc"))
            {
                throw RunFilter.Error(
                    text,
                    text.IndexOf(part, StringComparison.Ordinal) + colon + 2,
                    $"sort direction '{part[(colon + 1)..]}' must be asc or desc");
            }

            keys.Add((RunField.Parse(colon >= 0 ? part[..colon] : part), direction == "desc"));
        }

        return new RunOrder(keys);
    }

    public IReadOnlyList<RunRecord> Apply(IEnumerable<RunRecord> runs, MetricNames? names = null)
    {
        var list = runs.ToList();
        var comparer = Comparer<RunRecord>.Create((a, b) =>
        {
            foreach (var (field, descending) in Keys)
            {
                var c = Compare(field.Read(a, names), field.Read(b, names), descending);
                if (c != 0)
                {
                    return c;
                }
            }

            return 0;
        });
        // Stable: equal keys keep ledger order (oldest first).
        return list.Select((r, i) => (r, i)).OrderBy(p => p.r, comparer).ThenBy(p => p.i).Select(p => p.r).ToArray();
    }

    private static int Compare(FieldValue a, FieldValue b, bool descending)
    {
        var rankA = Rank(a);
        var rankB = Rank(b);
        if (rankA != rankB)
        {
            return rankA.CompareTo(rankB);
        }

        var c = rankA switch
        {
            0 => a.AsNumber()!.Value.CompareTo(b.AsNumber()!.Value),
            1 => string.CompareOrdinal(a.Text, b.Text),
            _ => 0,
        };
        return descending ? -c : c;
    }

    // 0: a number; 1: a text; 2: missing or NaN (always last).
    private static int Rank(FieldValue v) => v.AsNumber() is { } n ? (double.IsNaN(n) ? 2 : 0) : v.Text is not null ? 1 : 2;
}
