namespace Pipeline.Git.Reading;

/// <summary>Tracked changes in the working tree and index (untracked files ignored): the first paths and how many in all.</summary>
public sealed record DirtyState(IReadOnlyList<string> Paths, int Total)
{
    public const int MaxNamed = 20;

    public bool IsDirty => Total > 0;

    /// <summary>Every dirty path (sorted): the lineage reads these from the working tree under --allow-dirty.</summary>
    public IReadOnlyList<string> All { get; init; } = [];

    public string Describe() => string.Join(", ", Paths) + (Total > Paths.Count ? $" and {Total - Paths.Count} more" : "");
}
