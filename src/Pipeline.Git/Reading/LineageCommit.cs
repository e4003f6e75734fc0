namespace Pipeline.Git.Reading;

/// <summary>
/// The commit a lineage names: <see cref="Sha"/>, reached from <see cref="Requested"/> by skipping back (first
/// parent) over the commits in <see cref="Skipped"/>, which changed nothing outside the registry folder.
/// </summary>
public sealed record LineageCommit(string Sha, string Requested, IReadOnlyList<string> Skipped);
