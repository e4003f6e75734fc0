namespace Pipeline.Core.Registry;

/// <summary>
/// One assignment or unassignment of an alias, read from its tag. <see cref="Version"/> is the version registered at
/// the tag's target commit (null when no registration tag points there); <see cref="Previous"/> is what the alias held
/// just before, by counter order.
/// </summary>
public sealed record AliasEvent(
    string Alias,
    long Counter,
    bool Assigned,
    SemVer? Version,
    SemVer? Previous,
    TagInfo Tag);
