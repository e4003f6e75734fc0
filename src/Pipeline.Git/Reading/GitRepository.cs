using LibGit2Sharp;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Lineage;

namespace Pipeline.Git.Reading;

/// <summary>
/// Read access to a local git repository (LibGit2Sharp): revisions to full SHAs, the lineage commit, dirty state,
/// files at a commit, and the remote URL without credentials. Every failure is a PIPE1xxx code.
/// </summary>
public sealed class GitRepository : IDisposable
{
    private readonly LibGit2Sharp.Repository _repo;
    private readonly Dictionary<string, Commit> _commits = new(StringComparer.Ordinal);

    private GitRepository(LibGit2Sharp.Repository repo, string root)
    {
        _repo = repo;
        Root = root;
    }

    /// <summary>The working tree folder (or the git folder of a bare repository), without a trailing separator.</summary>
    public string Root { get; }

    /// <summary>The checked-out branch's short name, or null on a detached HEAD or an unborn branch.</summary>
    public string? HeadBranch => _repo.Info.IsHeadDetached ? null : _repo.Head.FriendlyName;

    /// <summary>Opens the repository that contains <paramref name="startDir"/> (default: the current folder).</summary>
    public static GitRepository Discover(string? startDir = null)
    {
        var start = Path.GetFullPath(startDir ?? Directory.GetCurrentDirectory());
        if (!Directory.Exists(start))
        {
            throw new PipelineException(PipeCodes.NotARepository, $"folder not found: {start}", start);
        }

        string? gitDir;
        try
        {
            gitDir = Native.GitDiscovery.GitDir(start);
        }
        catch (LibGit2SharpException ex)
        {
            throw new PipelineException(PipeCodes.GitReadFailed, $"cannot read {start} as a git repository: {ex.Message}", start);
        }

        if (gitDir is null)
        {
            throw new PipelineException(PipeCodes.NotARepository, $"not a git repository (or any parent up to the root): {start}", start);
        }

        try
        {
            var repo = new LibGit2Sharp.Repository(gitDir);
            var root = repo.Info.WorkingDirectory ?? repo.Info.Path;
            return new GitRepository(repo, Path.TrimEndingDirectorySeparator(root));
        }
        catch (LibGit2SharpException ex)
        {
            throw new PipelineException(PipeCodes.GitReadFailed, $"cannot open the git repository at {gitDir}: {ex.Message}", gitDir);
        }
    }

    /// <summary>The full SHA of the commit <paramref name="rev"/> names (HEAD, a branch, a tag, a short SHA, HEAD~2…).</summary>
    public string ResolveCommit(string rev = "HEAD") => Commit(rev).Sha;

    /// <summary>
    /// <paramref name="rev"/>'s commit, skipping back along first parents over commits whose tree differs from their
    /// parent's only inside <paramref name="registryFolder"/> (docs/design.md §2), so registering a model never changes the
    /// lineage of the code it registered. A commit that changes nothing at all is skipped too: its code is its parent's.
    /// </summary>
    public LineageCommit ResolveLineageCommit(string rev, string registryFolder) =>
        Guard(() => LineageWalk.Resolve(_repo, Commit(rev), registryFolder, rev));

    /// <summary>
    /// Tracked files modified or staged (untracked files do not count): the first 20, sorted, and the total. Paths inside
    /// <paramref name="skipFolder"/> (the registry with its run ledger, which never enters a lineage) are not even looked
    /// at: a copied or restored workspace has stale stat data, and re-hashing every stored series on every call grew with
    /// the ledger, as stat-ing every record grew with the registry.
    /// </summary>
    public DirtyState Dirty(string? skipFolder = null)
    {
        if (_repo.Info.IsBare)
        {
            return new DirtyState([], 0);
        }

        return Guard(() =>
        {
            var outside = skipFolder is null ? null : Outside(skipFolder);
            if (outside is { Length: 0 })
            {
                return new DirtyState([], 0);
            }

            var status = _repo.RetrieveStatus(new StatusOptions
            {
                IncludeUntracked = false,
                IncludeIgnored = false,
                RecurseUntrackedDirs = false,
                DetectRenamesInIndex = false,
                DetectRenamesInWorkDir = false,
                // Literal paths (files or folders) let libgit2 prune whole folders instead of visiting and skipping them.
                PathSpec = outside,
                DisablePathSpecMatch = outside is not null,
            });
            var paths = status
                .Where(e => e.State != FileStatus.Unaltered && e.State != FileStatus.Ignored && e.State != FileStatus.NewInWorkdir)
                .Select(e => e.FilePath)
                .Order(StringComparer.Ordinal)
                .ToArray();
            return new DirtyState(paths.Take(DirtyState.MaxNamed).ToArray(), paths.Length) { All = paths };
        });
    }

    /// <summary>
    /// Every top-level path (in HEAD or the index) that is not <paramref name="folder"/> nor inside it, going down the
    /// folder's own ancestors: for "ml/registry", the other entries of the root and of "ml". A staged new file counts.
    /// </summary>
    private string[] Outside(string folder)
    {
        var segments = folder.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var result = new SortedSet<string>(StringComparer.Ordinal);
        void Add(string path)
        {
            var parts = path.Split('/');
            var depth = 0;
            while (depth < segments.Length && depth < parts.Length - 1 && parts[depth] == segments[depth])
            {
                depth++;
            }

            if (depth == segments.Length || (depth == parts.Length - 1 && depth < segments.Length && parts[depth] == segments[depth]))
            {
                return;
            }

            result.Add(string.Join('/', parts.Take(depth + 1)));
        }

        if (_repo.Head.Tip is { } tip)
        {
            var tree = tip.Tree;
            var prefix = "";
            for (var depth = 0; depth < segments.Length && tree is not null; depth++)
            {
                foreach (var entry in tree)
                {
                    if (entry.Name != segments[depth])
                    {
                        result.Add(prefix + entry.Name);
                    }
                }

                tree = tree[segments[depth]]?.Target as Tree;
                prefix += segments[depth] + "/";
            }
        }

        foreach (var entry in _repo.Index)
        {
            Add(entry.Path.Replace('\\', '/'));
        }

        return result.ToArray();
    }

    /// <summary>The file's bytes as committed (not the working tree; no line-ending or filter conversion).</summary>
    public byte[] ReadFileAt(string sha, string path)
    {
        var entry = FollowLinks(sha, path);
        if (entry?.Target is not Blob blob)
        {
            var what = entry is null ? "is not in" : "is a folder in";
            throw new PipelineException(PipeCodes.FileMissingAtCommit, $"'{path}' {what} commit {sha}", path);
        }

        return Guard(() =>
        {
            using var stream = blob.GetContentStream();
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            return buffer.ToArray();
        });
    }

    /// <summary>
    /// The entry at <paramref name="path"/>, with symlinks followed inside the same commit (a link's blob holds its
    /// target's path, which must not be read as the file). A link out of the repository, or a loop, is refused.
    /// </summary>
    private TreeEntry? FollowLinks(string sha, string path)
    {
        var asked = path;
        var entry = Entry(sha, path);
        for (var hops = 0; entry is { Mode: Mode.SymbolicLink, Target: Blob link }; hops++)
        {
            var target = Guard(() => link.GetContentText());
            var folder = path.Replace('\\', '/');
            folder = folder.Contains('/') ? folder[..folder.LastIndexOf('/')] : "";
            var resolved = new List<string>();
            var inside = !target.StartsWith('/') && hops < 40;
            foreach (var segment in (folder + "/" + target).Split('/'))
            {
                if (!inside || segment is "" or ".")
                {
                    continue;
                }

                if (segment != "..")
                {
                    resolved.Add(segment);
                }
                else if (resolved.Count > 0)
                {
                    resolved.RemoveAt(resolved.Count - 1);
                }
                else
                {
                    inside = false;
                }
            }

            if (!inside || resolved.Count == 0)
            {
                throw new PipelineException(PipeCodes.FileMissingAtCommit,
                    $"'{asked}' is a symlink that leaves the repository or loops ('{path}' -> '{target}') in commit {sha}", asked);
            }

            path = string.Join('/', resolved);
            entry = Entry(sha, path);
        }

        return entry;
    }

    /// <summary>True when the commit has <paramref name="path"/> as a file, a folder, or a submodule.</summary>
    public bool IsTrackedAt(string sha, string path) => Entry(sha, path) is not null;

    /// <summary>The blob id of the file at the commit, or null when there is no file there.</summary>
    public string? BlobIdAt(string sha, string path) => Entry(sha, path) is { TargetType: TreeEntryTargetType.Blob } e ? e.Target.Sha : null;

    /// <summary>The URL of <paramref name="remote"/> with any credentials stripped, or null when there is no such remote.</summary>
    public string? RemoteUrl(string remote = "origin") =>
        _repo.Network.Remotes[remote]?.Url is { } url ? Core.Lineage.RemoteUrl.StripCredentials(url) : null;

    /// <summary>The repository at one commit, as the lineage builder sees it.</summary>
    public ICommitSnapshot Snapshot(string sha) => new GitCommitSnapshot(this, sha);

    /// <summary>
    /// The commit with the working tree's version of every dirty path laid over it (--allow-dirty): the lineage then
    /// names the config and data that actually trained, not the committed ones.
    /// </summary>
    public ICommitSnapshot WorkingSnapshot(string sha, IReadOnlyList<string> dirtyPaths) => new WorkingTreeSnapshot(this, sha, dirtyPaths);

    public void Dispose() => _repo.Dispose();

    private Commit Commit(string rev)
    {
        if (_commits.TryGetValue(rev, out var cached))
        {
            return cached;
        }

        if (_repo.Info.IsHeadUnborn && rev == "HEAD")
        {
            throw new PipelineException(PipeCodes.RepositoryEmpty, $"the repository at {Root} has no commits yet", Root);
        }

        GitObject? obj;
        try
        {
            obj = _repo.Lookup(rev);
        }
        catch (LibGit2SharpException)
        {
            obj = null;
        }

        var commit = (obj is null ? null : Peel(obj))
            ?? throw new PipelineException(PipeCodes.RevisionUnknown, $"unknown revision '{rev}' in {Root}");
        if (commit.Sha == rev)
        {
            _commits[rev] = commit;
        }

        return commit;
    }

    private static Commit? Peel(GitObject obj)
    {
        try
        {
            return obj.Peel<Commit>();
        }
        catch (LibGit2SharpException)
        {
            return null;
        }
    }

    private TreeEntry? Entry(string sha, string path)
    {
        var clean = string.Join('/', path.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries).Where(s => s != "."));
        if (clean.Length == 0)
        {
            return null;
        }

        return Guard(() => Commit(sha)[clean]);
    }

    private static T Guard<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (LibGit2SharpException ex)
        {
            throw new PipelineException(PipeCodes.GitReadFailed, ex.Message);
        }
    }
}
