using LibGit2Sharp;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Registry;

namespace Pipeline.Git.Registry;

using Repository = LibGit2Sharp.Repository;

/// <summary>
/// Remote writes (docs/design.md §4): fetch the branch and the model's tags, write locally, then
/// <c>git push --atomic --porcelain REMOTE branch tags…</c> (never --force). A rejected push means another writer won
/// the branch or the counter: our unpublished tags are deleted, our commit dropped, the remote state fetched, and the
/// write DECIDED AGAIN (new version, new counter, the champion re-read) after a jittered backoff; after
/// <see cref="Attempts"/> rejections PIPE1110 (exit 3). The git CLI is used because it honours the credentials
/// actions/checkout configures (libgit2 ignores http.extraheader) and knows --atomic.
/// </summary>
public sealed class RemoteSync(RegistryStore store, string remote, int attempts = 6)
{
    public int Attempts { get; } = attempts;

    /// <summary>How many pushes were rejected before the one that went through (for reports and tests).</summary>
    public int Rejections { get; private set; }

    /// <summary>
    /// Runs <paramref name="write"/> and publishes <paramref name="refsOf"/> its result (full ref names). When the write
    /// made a commit on the branch, <paramref name="commitOf"/> names it so a lost race can drop it before the retry.
    /// </summary>
    public T Run<T>(string model, Func<T> write, Func<T, IReadOnlyList<string>> refsOf, Func<T, (string Commit, string? Parent)?>? commitOf = null)
    {
        var branch = commitOf is null ? null : store.RequireBranch();
        Fetch(model, branch, dropCommit: null);
        for (var attempt = 1; ; attempt++)
        {
            var result = write();
            var refs = refsOf(result);
            if (refs.Count == 0)
            {
                return result;
            }

            var args = new List<string> { "push", "--atomic", "--porcelain", remote };
            args.AddRange(refs.Select(r => $"{r}:{r}"));
            var push = GitCli.Run(store.RepoPath, args);
            if (push.Ok)
            {
                return result;
            }

            var rejected = push.StdOut.Split('\n').Any(l => l.StartsWith("!\t", StringComparison.Ordinal));
            if (!rejected)
            {
                throw new PipelineException(PipeCodes.PushFailed, $"git push to '{UrlRedaction.Strip(remote)}' failed: {Tail(push.StdErr)}");
            }

            Rejections++;
            using (var repo = store.Open())
            {
                foreach (var r in refs.Where(r => r.StartsWith("refs/tags/", StringComparison.Ordinal)))
                {
                    if (repo.Refs[r] is not null) repo.Refs.Remove(r);
                }
            }

            // Also after the last rejection: a local tag and commit the remote never got would clash with the winner's
            // on the next fetch and make every re-run fail, instead of completing.
            Fetch(model, branch, commitOf?.Invoke(result));
            if (attempt >= Attempts)
            {
                throw new PipelineException(PipeCodes.PushRejected,
                    $"lost the race for {string.Join(", ", refs.Select(Short))} on '{UrlRedaction.Strip(remote)}' {attempt} times; nothing of ours was published");
            }

            Thread.Sleep(Backoff(attempt));
        }
    }

    /// <summary>Jittered exponential backoff: racers that collided spread out instead of colliding again.</summary>
    public static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Math.Min(2000, 80 * Math.Pow(2, attempt - 1)) * (0.5 + Random.Shared.NextDouble()));

    private void Fetch(string model, string? branch, (string Commit, string? Parent)? dropCommit)
    {
        var tagSpecs = new[] { $"refs/tags/{model}@*:refs/tags/{model}@*", $"refs/tags/{model}#*:refs/tags/{model}#*" };
        var tracking = branch is null ? null : $"refs/pipeline/remotes/{branch}";
        var args = new List<string> { "fetch", "--no-tags", "--quiet", remote };
        if (branch is not null) args.Add($"+refs/heads/{branch}:{tracking}");
        args.AddRange(tagSpecs);
        var fetch = GitCli.Run(store.RepoPath, args);
        var remoteHasBranch = branch is not null;
        if (!fetch.Ok && branch is not null && fetch.StdErr.Contains("couldn't find remote ref", StringComparison.Ordinal))
        {
            remoteHasBranch = false;
            fetch = GitCli.Run(store.RepoPath, ["fetch", "--no-tags", "--quiet", remote, .. tagSpecs]);
        }

        if (!fetch.Ok)
        {
            throw new PipelineException(PipeCodes.PushFailed, $"git fetch from '{UrlRedaction.Strip(remote)}' failed: {Tail(fetch.StdErr)}");
        }

        if (branch is null || !remoteHasBranch)
        {
            return;
        }

        using var repo = store.Open();
        var remoteHead = (repo.Refs[tracking!]?.ResolveToDirectReference()?.Target as Commit)!;
        var local = repo.Refs[$"refs/heads/{branch}"]?.ResolveToDirectReference()?.Target as Commit;
        if (local is null)
        {
            TreeCommitter.MoveBranch(store.RepoPath, branch, remoteHead.Sha, null);
            return;
        }

        // Our own unpublished registry commit is dropped: the write is replayed on top of the remote's head.
        var mine = dropCommit is { } d && d.Commit == local.Sha && d.Parent is not null ? repo.Lookup<Commit>(d.Parent) : local;
        if (mine is null || local.Sha == remoteHead.Sha || IsAncestor(repo, remoteHead, local) && mine == local)
        {
            return;
        }

        if (!IsAncestor(repo, mine, remoteHead))
        {
            throw new PipelineException(PipeCodes.LocalCommitsNotPushed,
                $"branch '{branch}' and '{UrlRedaction.Strip(remote)}/{branch}' have diverged (local {local.Sha[..12]}, remote {remoteHead.Sha[..12]})");
        }

        TreeCommitter.MoveBranch(store.RepoPath, branch, remoteHead.Sha, local.Sha);
    }

    private static bool IsAncestor(Repository repo, Commit ancestor, Commit of) =>
        ancestor.Sha == of.Sha || repo.ObjectDatabase.FindMergeBase(ancestor, of)?.Sha == ancestor.Sha;

    private static string Short(string r) => r.StartsWith("refs/tags/", StringComparison.Ordinal) ? r[10..] : r.StartsWith("refs/heads/", StringComparison.Ordinal) ? r[11..] : r;

    private static string Tail(string stderr)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "(no message)" : string.Join(" | ", lines.TakeLast(3));
    }
}
