namespace Pipeline.Core.Registry;

/// <summary>
/// One tag as git holds it: the name, the commit it points at (peeled), whether it is annotated, and the
/// tagger/time/message of an annotated tag. Lightweight tags carry no tagger and are never trusted (docs/design.md §4).
/// <see cref="TargetIsCommit"/> is false for a tag on a tree or a blob: such a tag is malformed, whatever its name says.
/// </summary>
public sealed record TagInfo(
    string Name, string TargetCommit, bool Annotated, string? Tagger, DateTimeOffset? Time, string? Message, bool TargetIsCommit = true);
