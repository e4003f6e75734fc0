namespace Pipeline.Core.Lineage;

/// <summary>
/// The repository as it was at one commit: the only view of git the lineage builder gets, so building (and later
/// verifying) a lineage reads nothing from the working tree and Core stays free of git libraries.
/// Paths are repository-relative POSIX paths.
/// </summary>
public interface ICommitSnapshot
{
    /// <summary>The full 40-hex SHA of the commit.</summary>
    string CommitSha { get; }

    /// <summary>The file's bytes at the commit; throws PIPE1004 naming path and commit when it is not there.</summary>
    byte[] ReadFile(string path);

    /// <summary>True when the commit tracks the path as a file or as a folder holding tracked files.</summary>
    bool IsTracked(string path);

    /// <summary>The git blob id of the file at the commit, or null when it is not a tracked file.</summary>
    string? BlobId(string path);

    /// <summary>Paths whose bytes came from the working tree instead of the commit (only under --allow-dirty), sorted.</summary>
    IReadOnlyList<string> ReadFromWorkingTree => [];
}
