using LibGit2Sharp;
using Pipeline.Core.Diagnostics;
using Pipeline.Git.Reading;

namespace Pipeline.Git.Registry;

using Repository = LibGit2Sharp.Repository;

/// <summary>
/// Writes files (and deletions) as ONE commit through the object database and moves the branch with a
/// compare-and-swap (docs/design.md §3): no half-written file is ever visible, and a concurrent writer makes the swap fail instead of being
/// overwritten. When the branch is checked out, exactly the touched paths are brought up to date in the working tree
/// and index so <c>git status</c> stays clean.
///
/// Order, and what a crash leaves: (1) blobs/tree/commit objects: unreachable objects only; (2) a journal
/// (<see cref="PendingWrite"/>) naming the commit and the paths; (3) working tree, then index, for the touched paths;
/// (4) the ref swap; (5) the journal is removed. The next write (under the same <see cref="WriteLock"/>) finds a
/// journal left by a killed writer and finishes it (the ref moved) or discards it (it did not): a kill -9 or a held
/// index.lock never wedges later writes. A lost swap puts the touched paths back to the winner's content (PIPE1102).
/// </summary>
public static class TreeCommitter
{
    /// <summary>Commits <paramref name="changes"/> (repo-relative '/' paths → new bytes, or null to delete) on <paramref name="branch"/>.</summary>
    public static CommitResult Commit(
        string repoPath,
        string branch,
        IReadOnlyDictionary<string, byte[]?> changes,
        string message,
        GitIdentity? identity = null) =>
        Commit(repoPath, branch, changes, message, identity, onto: null);

    /// <summary>
    /// As <see cref="Commit(string,string,IReadOnlyDictionary{string,byte[]},string,GitIdentity)"/>, but builds on
    /// <paramref name="onto"/> (a commit, e.g. the fetched remote head) instead of the branch head; the branch must
    /// still hold the value read at the start (CAS). Used to replay a registry write after a lost push race.
    /// </summary>
    public static CommitResult Commit(
        string repoPath,
        string branch,
        IReadOnlyDictionary<string, byte[]?> changes,
        string message,
        GitIdentity? identity,
        string? onto) =>
        Commit(repoPath, branch, changes, message, identity, onto, expectedOld: null);

    /// <summary>
    /// The full form: <paramref name="expectedOld"/> (a sha) is the branch value the swap expects, when the caller read
    /// it earlier (the head its decision was made on). Paths in <paramref name="createOnly"/> must be absent from the
    /// commit built on (or already hold exactly these bytes): an existing record is never replaced (PIPE1134).
    /// When every changed path is inside <paramref name="lineageFolder"/> (the registry folder), the message gets the
    /// <see cref="LineageTrailer"/> naming the lineage commit of the commit built on, so later reads skip back in one step.
    /// </summary>
    internal static CommitResult Commit(
        string repoPath,
        string branch,
        IReadOnlyDictionary<string, byte[]?> changes,
        string message,
        GitIdentity? identity,
        string? onto, string? expectedOld, IReadOnlyCollection<string>? createOnly = null, string? lineageFolder = null)
    {
        foreach (var path in changes.Keys)
        {
            CheckPath(path);
        }

        var refName = "refs/heads/" + branch;
        // The lock comes before the repository is opened, so the index libgit2 loads is the one no one else is writing.
        using var writeLock = WriteLock.Take(CommonDirOf(repoPath));
        using var repo = Open(repoPath);
        PendingWrite.Recover(repo);
        var who = (identity ?? GitIdentity.Resolve(repoPath)).ToSignature();
        var current = repo.Refs[refName]?.ResolveToDirectReference()?.Target?.Id;
        var oldId = expectedOld is not null ? new ObjectId(expectedOld) : current;
        if (oldId != current)
        {
            // The decision was made on a head that is gone: fail before writing anything (the caller decides again).
            throw new PipelineException(
                PipeCodes.BranchMoved,
                $"branch '{branch}' moved while writing (expected {oldId?.Sha ?? "no branch"}, found {current?.Sha ?? "no branch"})");
        }

        var baseCommit = onto is not null
            ? repo.Lookup<LibGit2Sharp.Commit>(onto) ?? throw new PipelineException(PipeCodes.GitWriteFailed, $"commit {onto} not found")
            : oldId is null ? null : repo.Lookup<LibGit2Sharp.Commit>(oldId);
        WritePaths.Check(repo, baseCommit, changes.Keys);
        var tree = baseCommit is null ? new TreeDefinition() : TreeDefinition.From(baseCommit.Tree);
        foreach (var (path, bytes) in changes)
        {
            if (bytes is null)
            {
                tree.Remove(path);
                continue;
            }

            using var stream = new MemoryStream(bytes, writable: false);
            var blob = repo.ObjectDatabase.CreateBlob(stream);
            if (createOnly is not null && createOnly.Contains(path) && baseCommit?[path] is { } there && there.Target.Id != blob.Id)
            {
                throw new PipelineException(
                    PipeCodes.RecordImmutable,
                    $"'{path}' already exists on '{branch}' with other content: records are never replaced",
                    path);
            }

            tree.Add(path, blob, Mode.NonExecutableFile);
        }

        var newTree = repo.ObjectDatabase.CreateTree(tree);
        if (baseCommit is not null && newTree.Id == baseCommit.Tree.Id && baseCommit.Id == oldId)
        {
            return new CommitResult(baseCommit.Sha, baseCommit.Parents.FirstOrDefault()?.Sha, Changed: false);
        }

        if (baseCommit is not null && lineageFolder is not null && Inside(changes.Keys, lineageFolder))
        {
            message = LineageTrailer.Append(message, LineageWalk.OfParent(repo, baseCommit, lineageFolder));
        }

        var parents = baseCommit is null ? Array.Empty<LibGit2Sharp.Commit>() : [baseCommit];
        var commit = repo.ObjectDatabase.CreateCommit(
            who,
            who,
            message.EndsWith('\n') ? message : message + "\n",
            newTree,
            parents,
            prettifyMessage: false);

        var oldCommit = oldId is null ? null : repo.Lookup<LibGit2Sharp.Commit>(oldId);
        Swap(repoPath, repo, branch, oldId, commit, onto is null ? changes.Keys.ToArray() : null, oldCommit);
        return new CommitResult(commit.Sha, baseCommit?.Sha, Changed: true);
    }

    /// <summary>
    /// Moves <paramref name="branch"/> from <paramref name="expectedOld"/> to <paramref name="target"/> (CAS), syncing the
    /// paths that differ when it is checked out. Used to take the remote's head before replaying a lost push.
    /// </summary>
    internal static void MoveBranch(string repoPath, string branch, string target, string? expectedOld)
    {
        using var writeLock = WriteLock.Take(CommonDirOf(repoPath));
        using var repo = Open(repoPath);
        PendingWrite.Recover(repo);
        var oldId = expectedOld is null ? null : new ObjectId(expectedOld);
        var commit = repo.Lookup<LibGit2Sharp.Commit>(target) ?? throw new PipelineException(PipeCodes.GitWriteFailed, $"commit {target} not found");
        Swap(repoPath, repo, branch, oldId, commit, null, oldId is null ? null : repo.Lookup<LibGit2Sharp.Commit>(oldId));
    }

    /// <summary>The folder shared by all worktrees of the repository (refs, objects, Pipeline's lock).</summary>
    internal static string CommonDir(Repository repo) => CommonDirOfGitDir(repo.Info.Path);

    /// <summary>As <see cref="CommonDir(Repository)"/>, found from any path inside the repository without opening it.</summary>
    internal static string CommonDirOf(string repoPath) =>
        CommonDirOfGitDir(Native.GitDiscovery.GitDir(repoPath)
            ?? throw new PipelineException(PipeCodes.NotARepository, $"'{repoPath}' is not inside a git repository"));

    private static string CommonDirOfGitDir(string gitDir)
    {
        gitDir = gitDir.TrimEnd('/', '\\');
        var common = Path.Combine(gitDir, "commondir");
        return File.Exists(common) ? Path.GetFullPath(File.ReadAllText(common).Trim(), gitDir) : gitDir;
    }

    private static void Swap(
        string repoPath, Repository repo, string branch, ObjectId? oldId, LibGit2Sharp.Commit commit, IReadOnlyList<string>? paths,
        LibGit2Sharp.Commit? oldCommit)
    {
        var refName = "refs/heads/" + branch;
        var checkedOut = !repo.Info.IsBare && repo.Refs.Head is SymbolicReference head && head.TargetIdentifier == refName;
        if (!checkedOut && Worktrees.CheckedOutElsewhere(repo, refName) is { } other)
        {
            // Moving it under another worktree would leave that worktree's index behind: its next commit would undo ours.
            throw new PipelineException(PipeCodes.BranchCheckedOutElsewhere, $"branch '{branch}' is checked out in the worktree at '{other}'", other);
        }

        IReadOnlyList<string> touched = [];
        PendingWrite? journal = null;
        if (checkedOut)
        {
            touched = paths ?? ChangedPaths(repo, oldCommit?.Tree, commit.Tree);
            WritePaths.CheckOnDisk(repo, touched);
            IndexLock.ThrowIfHeld(repo);
            journal = PendingWrite.Begin(repo, commit.Sha, oldId?.Sha, touched);
            try
            {
                WorkingTree.Sync(repo, touched, oldCommit, commit);
            }
            catch (PipelineException ex) when (ex.Code == PipeCodes.RegistryPathsDirty)
            {
                // Sync refuses before writing anything.
                journal.End();
                if (!Moved(repoPath, refName, oldId))
                {
                    throw;
                }
                // The "local change" is another writer's fresh commit: that is a lost race, not user work.
                throw new PipelineException(PipeCodes.BranchMoved, $"branch '{branch}' moved while writing (expected {oldId?.Sha ?? "no branch"})");
            }
            catch (Exception ex) when (ex is not PipelineException)
            {
                // Half-written (e.g. the index could not be written): put back what we wrote; the journal stays if even that fails.
                PendingWrite.Recover(repo);
                throw;
            }
        }

        var message = commit.MessageShort;
        var swap = GitCli.Run(
            repo.Info.WorkingDirectory ?? repo.Info.Path,
            "update-ref",
            "-m",
            "pipeline: " + message,
            refName,
            commit.Sha,
            oldId?.Sha ?? new string('0', 40));
        if (!swap.Ok)
        {
            if (checkedOut)
            {
                using var again = Open(repoPath);
                var winner = again.Refs[refName]?.ResolveToDirectReference()?.Target as LibGit2Sharp.Commit;
                WorkingTree.Restore(again, touched, winner);
            }

            journal?.End();
            throw new PipelineException(PipeCodes.BranchMoved,
                $"branch '{branch}' moved while writing (expected {oldId?.Sha ?? "no branch"}): {swap.StdErr.Trim()}");
        }

        journal?.End();
    }

    private static bool Moved(string repoPath, string refName, ObjectId? expected)
    {
        using var repo = Open(repoPath);
        return repo.Refs[refName]?.ResolveToDirectReference()?.Target?.Id != expected;
    }

    internal static Repository Open(string repoPath)
    {
        var found = Native.GitDiscovery.GitDir(repoPath);
        if (found is null)
        {
            throw new PipelineException(PipeCodes.NotARepository, $"'{repoPath}' is not inside a git repository");
        }

        return new Repository(found);
    }

    private static IReadOnlyList<string> ChangedPaths(Repository repo, Tree? from, Tree to) =>
        repo.Diff.Compare<TreeChanges>(from, to).Select(c => c.Path.Replace('\\', '/')).Distinct(StringComparer.Ordinal).ToArray();

    private static bool Inside(IEnumerable<string> paths, string folder)
    {
        var prefix = folder.Replace('\\', '/').Trim('/') + "/";
        return prefix.Length > 1 && paths.All(p => p.StartsWith(prefix, StringComparison.Ordinal));
    }

    private static void CheckPath(string path)
    {
        var parts = path.Split('/');
        if (path.Length == 0
            || path.StartsWith('/')
            || path.Contains('\\')
            || parts.Any(p => p is "" or "." or ".." || p.Equals(".git", StringComparison.OrdinalIgnoreCase)))
        {
            throw new PipelineException(
                PipeCodes.GitWriteFailed,
                $"refusing to write path '{path}': it must be a relative '/'-separated path inside the repository");
        }
    }
}
