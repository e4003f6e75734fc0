using Pipeline.Core.Diagnostics;
using Pipeline.Core.Lineage;
using Pipeline.Git.Registry;

namespace Pipeline.Git.Reading;

/// <summary>
/// A commit with its dirty paths read from the working tree (--allow-dirty). Only the dirty paths come from disk: a
/// clean file is read from the commit, byte for byte as a clean build would, so the only fingerprint change is the one
/// committing the dirty files would make to config and data. What was read from disk is kept for the record and the warning.
/// </summary>
internal sealed class WorkingTreeSnapshot(GitRepository repo, string sha, IReadOnlyList<string> dirtyPaths) : ICommitSnapshot
{
    private readonly HashSet<string> _dirty = new(dirtyPaths, StringComparer.Ordinal);
    private readonly SortedSet<string> _read = new(StringComparer.Ordinal);

    public string CommitSha { get; } = sha;

    public IReadOnlyList<string> ReadFromWorkingTree => _read.ToArray();

    public byte[] ReadFile(string path)
    {
        if (!_dirty.Contains(path))
        {
            return repo.ReadFileAt(CommitSha, path);
        }

        var full = Path.Combine(repo.Root, path);
        if (!File.Exists(full))
        {
            throw new PipelineException(
                PipeCodes.FileMissingAtCommit,
                $"'{path}' is deleted in the working tree (uncommitted), so the dirty lineage has no such input",
                path);
        }

        _read.Add(path);
        return File.ReadAllBytes(full);
    }

    public bool IsTracked(string path) => repo.IsTrackedAt(CommitSha, path);

    public string? BlobId(string path) =>
        _dirty.Contains(path) ? GitBlobId.OfFile(Path.Combine(repo.Root, path)) : repo.BlobIdAt(CommitSha, path);
}
