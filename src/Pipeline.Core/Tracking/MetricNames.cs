namespace Pipeline.Core.Tracking;

/// <summary>
/// Series names as the project means them, mapped to the names each source writes: DVCLive logs <c>train/loss</c>
/// where a JSONL trainer logs <c>loss</c>. pipeline.yaml's <c>metrics: {loss: [train/loss, loss]}</c> lets one gate file
/// and one filter serve runs from every source. A name without a mapping stands for itself.
/// </summary>
public sealed class MetricNames
{
    private readonly Dictionary<string, IReadOnlyList<string>> _sources;

    public MetricNames(IReadOnlyDictionary<string, IReadOnlyList<string>> sources)
    {
        _sources = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (name, names) in sources)
        {
            // The name itself is always tried first, then the sources' names in the order written.
            _sources[name] = new[] { name }.Concat(names.Where(n => n != name)).ToArray();
        }
    }

    public static MetricNames None { get; } = new(new Dictionary<string, IReadOnlyList<string>>());

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Mappings => _sources;

    /// <summary>The names to look for, in order, when <paramref name="name"/> is asked for.</summary>
    public IReadOnlyList<string> SourceNames(string name) => _sources.TryGetValue(name, out var names) ? names : [name];

    /// <summary>The first of <paramref name="name"/>'s source names that <paramref name="has"/> holds, or null.</summary>
    public string? Find(string name, Func<string, bool> has) => SourceNames(name).FirstOrDefault(has);
}
