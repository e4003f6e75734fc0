namespace Pipeline.Git.Reading;

/// <summary>
/// The commit a lineage names: <see cref="Sha"/>, reached from <see cref="Requested"/> by skipping back (first
/// parent) over the commits in <see cref="Skipped"/>, which changed nothing outside the registry folder. When
/// <see cref="ViaTrailer"/>, the last skipped commit's checked <see cref="LineageTrailer"/> named <see cref="Sha"/> and
/// the registry-only commits between were not visited one by one.
/// </summary>
public sealed record LineageCommit(string Sha, string Requested, IReadOnlyList<string> Skipped)
{
    public bool ViaTrailer { get; init; }
}
