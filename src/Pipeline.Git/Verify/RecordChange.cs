namespace Pipeline.Git.Verify;

public enum RecordChangeKind
{
    Added,
    Modified,
    Deleted,
}

/// <summary>A version record touched by the change under review (base..head).</summary>
public sealed record RecordChange(RecordChangeKind Kind, string Path, string Model, string Version);

/// <summary>A model's decision log (<c>decisions.jsonl</c>) touched by the change under review.</summary>
public sealed record DecisionLogChange(RecordChangeKind Kind, string Path, string Model);
