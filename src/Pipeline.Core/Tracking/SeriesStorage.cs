namespace Pipeline.Core.Tracking;

/// <summary>Where a committed series lives (<c>runs.series</c> in pipeline.yaml).</summary>
public enum SeriesStore
{
    Git,
    Lfs,
    Dvc,
}

/// <summary>
/// <c>runs: {series: git|lfs|dvc, series_max_bytes: N}</c>: compact series larger than <see cref="MaxGitBytes"/> go to
/// Git LFS or DVC instead of git objects; <c>git</c> (the default) keeps every series in git.
/// </summary>
public sealed record SeriesPolicy(SeriesStore Store = SeriesStore.Git, long MaxGitBytes = SeriesPolicy.DefaultMaxGitBytes)
{
    public const long DefaultMaxGitBytes = 4 * 1024 * 1024;

    public static SeriesPolicy Default { get; } = new();

    public static string Name(SeriesStore store) => store switch
    {
        SeriesStore.Lfs => "lfs",
        SeriesStore.Dvc => "dvc",
        _ => "git",
    };
}

/// <summary>
/// What the run record keeps of a series stored outside git: the store, the compact file's sha256 (the Git LFS oid)
/// and its size, so the run stays checkable after the bytes left the repository.
/// </summary>
public sealed record StoredSeries(string Store, string Sha256, long Size);
