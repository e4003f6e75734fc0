using Pipeline.Core.Lineage;

namespace Pipeline.Git.Reading;

/// <summary>The git side of <see cref="ICommitSnapshot"/>: every read goes to the commit's tree.</summary>
internal sealed class GitCommitSnapshot(GitRepository repo, string sha) : ICommitSnapshot
{
    public string CommitSha { get; } = sha;

    public byte[] ReadFile(string path) => repo.ReadFileAt(CommitSha, path);

    public bool IsTracked(string path) => repo.IsTrackedAt(CommitSha, path);

    public string? BlobId(string path) => repo.BlobIdAt(CommitSha, path);
}
