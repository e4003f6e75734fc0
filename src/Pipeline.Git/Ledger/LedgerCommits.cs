using LibGit2Sharp;
using Pipeline.Core.Diagnostics;
using Pipeline.Git.Registry;

namespace Pipeline.Git.Ledger;

/// <summary>
/// Run-ledger writes as ONE commit on the checked-out branch, through the registry's <see cref="TreeCommitter"/>
/// (object database, compare-and-swap on the branch, working tree and index kept in step, local edits never clobbered).
/// </summary>
public static class LedgerCommits
{
    /// <summary>The repository's working-tree root and checked-out branch; PIPE1001 outside a repository.</summary>
    public static (string Root, string Branch) Open(string path)
    {
        var store = new RegistryStore(path);
        return (
            store.RepoPath,
            store.Branch ?? throw new PipelineException(PipeCodes.NoBranch, "HEAD is detached: check out the branch that holds the run ledger"));
    }

    /// <summary>
    /// Commits repo-relative '/' paths → local files holding their new content (null deletes the path). The bytes are
    /// read once here (TreeCommitter takes bytes), so <c>--commit</c> holds one series in memory while committing.
    /// </summary>
    public static string Commit(string path, IReadOnlyDictionary<string, string?> files, string message)
    {
        var (root, branch) = Open(path);
        var changes = files.ToDictionary(p => p.Key, p => p.Value is null ? null : File.ReadAllBytes(p.Value), StringComparer.Ordinal);
        try
        {
            return TreeCommitter.Commit(
                root,
                branch,
                changes,
                message,
                null,
                onto: null,
                expectedOld: null,
                lineageFolder: RegistryFolderOf(changes.Keys)).Commit;
        }
        catch (LibGit2SharpException ex)
        {
            // e.g. a held .git/index.lock: an environment problem with a fix, not a crash.
            throw new PipelineException(PipeCodes.GitWriteFailed, $"cannot commit to '{branch}' in {root}: {ex.Message}", root);
        }
    }

    /// <summary>
    /// The registry folder holding the ledger the paths are in (<c>&lt;registry&gt;/runs/&lt;file&gt;</c>), or null when they are
    /// not all in one ledger: a ledger commit names its lineage commit in a trailer only when it is registry-only.
    /// </summary>
    internal static string? RegistryFolderOf(IEnumerable<string> paths)
    {
        string? folder = null;
        foreach (var path in paths)
        {
            var at = path.LastIndexOf("/" + Core.Tracking.RunLedger.RunsFolderName + "/", StringComparison.Ordinal);
            if (at <= 0 || path.IndexOf('/', at + Core.Tracking.RunLedger.RunsFolderName.Length + 2) >= 0)
            {
                return null;
            }

            var here = path[..at];
            if (folder is not null && folder != here)
            {
                return null;
            }

            folder = here;
        }

        return folder;
    }

    /// <summary>Repo-relative paths of the files directly under <paramref name="folder"/> in the branch's last commit.</summary>
    public static IReadOnlySet<string> Committed(string path, string folder)
    {
        var (root, branch) = Open(path);
        using var repo = new LibGit2Sharp.Repository(root);
        var result = new HashSet<string>(StringComparer.Ordinal);
        if (repo.Refs[$"refs/heads/{branch}"]?.ResolveToDirectReference()?.Target is LibGit2Sharp.Commit tip && tip[folder]?.Target is Tree tree)
        {
            foreach (var entry in tree)
            {
                if (entry.TargetType == TreeEntryTargetType.Blob)
                {
                    result.Add(folder + "/" + entry.Name);
                }
            }
        }

        return result;
    }
}
