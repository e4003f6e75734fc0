using System.Diagnostics;
using LibGit2Sharp;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Registry;

namespace Pipeline.Git.Registry;

using Repository = LibGit2Sharp.Repository;

/// <summary>
/// Remote writes (docs/design.md §4): fetch the branch, the model's tags and its counter ref, write locally, then
/// <c>git push --atomic --porcelain REMOTE branch tags… counter</c> (never a plain --force). A push that lost a race
/// (<see cref="PushOutcome"/>: fetch first, non-fast-forward, already exists, stale lease) drops our unpublished tags
/// and commit, fetches the remote state and DECIDES AGAIN (new version, new counter, the champion re-read) after an
/// exponential backoff with full jitter, for as long as <see cref="Budget"/> allows (PIPELINE_PUSH_TIMEOUT seconds,
/// default 300, counted from the first lost race, and at least 40 attempts); then PIPE1110. A permanent refusal
/// (hook, read-only remote, full disk) stops at once with git's reason
/// (PIPE1111). The git CLI is used because it honours the credentials actions/checkout configures and knows --atomic
/// and --force-with-lease.
///
/// Counters are unique per model across aliases: every alias event also moves <c>refs/pipeline/counters/MODEL</c>
/// (to the new tag) under a lease on the value fetched, atomically with the tag, so two clones that both took #N for
/// different aliases cannot both land.
/// </summary>
public sealed class RemoteSync(RegistryStore store, string remote, TimeSpan? budget = null)
{
    public const string CounterRefs = "refs/pipeline/counters/";
    private const string RemoteCounterRefs = "refs/pipeline/remote-counters/";
    private const string RemoteTagRefs = "refs/pipeline/remote-tags/";

    /// <summary>How long a write keeps retrying lost races.</summary>
    public TimeSpan Budget { get; } = budget ?? DefaultBudget;

    public static TimeSpan DefaultBudget =>
        int.TryParse(Environment.GetEnvironmentVariable("PIPELINE_PUSH_TIMEOUT"), out var s) && s >= 0
            ? TimeSpan.FromSeconds(s)
            : TimeSpan.FromSeconds(300);

    /// <summary>Lost races retried at least this often, however slow each attempt was.</summary>
    public const int MinimumAttempts = 40;

    /// <summary>How many pushes were rejected before the one that went through (for reports and tests).</summary>
    public int Rejections { get; private set; }

    /// <summary>
    /// Runs <paramref name="write"/> and publishes <paramref name="refsOf"/> its result (full ref names). When the write
    /// made a commit on the branch, <paramref name="commitOf"/> names it so a lost race can drop it before the retry.
    /// </summary>
    public T Run<T>(string model, Func<T> write, Func<T, IReadOnlyList<string>> refsOf, Func<T, (string Commit, string? Parent)?>? commitOf = null) =>
        GitFailure.Translate(() => RunCore(model, write, refsOf, commitOf));

    private T RunCore<T>(string model, Func<T> write, Func<T, IReadOnlyList<string>> refsOf, Func<T, (string Commit, string? Parent)?>? commitOf)
    {
        var branch = commitOf is null ? null : store.RequireBranch();
        var clock = Stopwatch.StartNew();
        Stopwatch? retryClock = null;
        Fetch(model, branch, dropCommit: null);
        for (var attempt = 1; ; attempt++)
        {
            var result = write();
            var refs = refsOf(result);
            if (refs.Count == 0)
            {
                return result;
            }

            var push = GitCli.Run(store.RepoPath, PushArgs(model, refs));
            if (push.Ok)
            {
                return result;
            }

            var outcome = PushOutcome.Read(push.StdOut, push.StdErr);
            if (!outcome.Rejected)
            {
                // Not a refusal (network, auth): our local write stays, so the re-run the message asks for publishes it.
                throw new PipelineException(PipeCodes.PushFailed, $"git push to '{UrlRedaction.Strip(remote)}' failed: {outcome.Reason}");
            }

            // Refused: nothing of ours may stay behind, or it would clash with the winner's on the next fetch.
            DropTags(refs);
            try
            {
                Fetch(model, branch, commitOf?.Invoke(result));
            }
            catch (PipelineException) when (!outcome.Retryable)
            {
                // The refusal is what the user must see; the fetch failing too adds nothing.
            }

            if (!outcome.Retryable)
            {
                throw new PipelineException(PipeCodes.PushFailed,
                    $"'{UrlRedaction.Strip(remote)}' {RefusedMarker}: {outcome.Reason}; nothing of ours was published");
            }

            Rejections++;
            // The budget runs from the first lost race, not from start-up: on a loaded runner the first attempt alone
            // can take minutes. At least MinimumAttempts are made whatever the clock says.
            retryClock ??= Stopwatch.StartNew();
            var left = Budget - retryClock.Elapsed;
            if (left <= TimeSpan.Zero && attempt >= MinimumAttempts)
            {
                throw new PipelineException(PipeCodes.PushRejected,
                    $"lost the race for {string.Join(", ", refs.Select(PushOutcome.Short))} on '{UrlRedaction.Strip(remote)}' {attempt} times in " +
                    $"{clock.Elapsed.TotalSeconds:0} s (PIPELINE_PUSH_TIMEOUT); nothing of ours was published");
            }

            var wait = Backoff.FullJitter(attempt, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(4));
            Thread.Sleep(left <= TimeSpan.Zero || wait < left ? wait : left);
        }
    }

    private List<string> PushArgs(string model, IReadOnlyList<string> refs)
    {
        var args = new List<string> { "push", "--atomic", "--porcelain" };
        var specs = refs.Select(r => $"{r}:{r}").ToList();
        using (var repo = store.Open())
        {
            // The counter ref follows the model's newest alias event we push, under a lease on the value we fetched.
            var aliasTag = refs.Where(r => r.StartsWith("refs/tags/", StringComparison.Ordinal))
                .Select(r => RegistryTag.TryParse(r[10..], out var t) && t.IsAliasEvent ? t : null)
                .OfType<RegistryTag>()
                .MaxBy(t => t.Counter ?? 0);
            if (aliasTag is not null)
            {
                var expected = repo.Refs[RemoteCounterRefs + model]?.TargetIdentifier ?? "";
                args.Add($"--force-with-lease={CounterRefs}{model}:{expected}");
                specs.Add($"refs/tags/{aliasTag.Name}:{CounterRefs}{model}");
            }

            // A version registered locally before (without --push) is published with its tag, never as a bare record.
            var branchRef = refs.FirstOrDefault(r => r.StartsWith("refs/heads/", StringComparison.Ordinal));
            if (branchRef is not null && repo.Refs[branchRef]?.ResolveToDirectReference()?.Target is Commit tip)
            {
                foreach (var local in TagRefs.WithPrefix(store.CommonDir, $"refs/tags/{model}@"))
                {
                    if (refs.Contains(local.Name) || repo.Refs[RemoteTagRefs + local.Name[10..]] is not null)
                    {
                        continue;
                    }

                    if (RegistryTag.TryParse(local.Name[10..], out var t) && t.Action == TagAction.Register
                        && Peel(repo, local.Id) is { } target && IsAncestor(repo, target, tip))
                    {
                        specs.Add($"{local.Name}:{local.Name}");
                    }
                }
            }
        }

        args.Add(remote);
        args.AddRange(specs);
        return args;
    }

    private void DropTags(IReadOnlyList<string> refs)
    {
        using var repo = store.Open();
        foreach (var r in refs.Where(r => r.StartsWith("refs/tags/", StringComparison.Ordinal)))
        {
            if (repo.Refs[r] is not null && repo.Refs[RemoteTagRefs + r[10..]] is null)
            {
                repo.Refs.Remove(r);
            }
        }
    }

    /// <summary>How a permanent refusal (a hook, a protected branch) reads, so a caller can tell it from a network failure.</summary>
    internal const string RefusedMarker = "refused the push";

    private void Fetch(string model, string? branch, (string Commit, string? Parent)? dropCommit)
    {
        // Tags land in a staging namespace first: a local tag the remote has with other content (ours, unpublished,
        // from a killed run) must not make the fetch fail forever; it is replaced below.
        var tagSpecs = new[]
        {
            $"+refs/tags/{model}@*:{RemoteTagRefs}{model}@*",
            $"+refs/tags/{model}#*:{RemoteTagRefs}{model}#*",
            $"+{CounterRefs}{model}*:{RemoteCounterRefs}{model}*",
        };
        var tracking = branch is null ? null : $"refs/pipeline/remotes/{branch}";
        var args = new List<string> { "fetch", "--no-tags", "--prune", "--quiet", remote };
        if (branch is not null)
        {
            args.Add($"+refs/heads/{branch}:{tracking}");
        }

        args.AddRange(tagSpecs);
        var fetch = GitCli.Run(store.RepoPath, args);
        var remoteHasBranch = branch is not null;
        if (!fetch.Ok && branch is not null && fetch.StdErr.Contains("couldn't find remote ref", StringComparison.Ordinal))
        {
            remoteHasBranch = false;
            fetch = GitCli.Run(store.RepoPath, ["fetch", "--no-tags", "--prune", "--quiet", remote, .. tagSpecs]);
        }

        if (!fetch.Ok)
        {
            throw new PipelineException(
                PipeCodes.PushFailed,
                $"git fetch from '{UrlRedaction.Strip(remote)}' failed: {PushOutcome.Tail(fetch.StdErr)}");
        }

        using (var writeLock = WriteLock.Take(store.CommonDir))
        {
            AdoptRemoteTags(model);
            if (branch is not null && remoteHasBranch)
            {
                TakeRemoteBranch(branch, tracking!, dropCommit);
            }

            DropDanglingTags(model, branch);
        }
    }

    /// <summary>The remote's tags become ours; a local tag of the same name with other content was never published.</summary>
    private void AdoptRemoteTags(string model)
    {
        var local = TagRefs.WithPrefix(store.CommonDir, $"refs/tags/{model}@").Concat(TagRefs.WithPrefix(store.CommonDir, $"refs/tags/{model}#"))
            .ToDictionary(e => e.Name, e => e.Id, StringComparer.Ordinal);
        var updates = new System.Text.StringBuilder();
        foreach (
            var staged in TagRefs.WithPrefix(store.CommonDir, $"{RemoteTagRefs}{model}@")
                .Concat(TagRefs.WithPrefix(store.CommonDir, $"{RemoteTagRefs}{model}#")))
        {
            var name = "refs/tags/" + staged.Name[RemoteTagRefs.Length..];
            if (local.TryGetValue(name, out var id) && id == staged.Id)
            {
                continue;
            }

            updates.Append("update ").Append(name).Append(' ').Append(staged.Id).Append('\n');
        }

        if (updates.Length == 0)
        {
            return;
        }

        var update = GitCli.Run(store.RepoPath, ["update-ref", "--stdin"], updates.ToString());
        if (!update.Ok)
        {
            throw new PipelineException(
                PipeCodes.GitWriteFailed,
                $"cannot take the tags of '{model}' from '{UrlRedaction.Strip(remote)}': {PushOutcome.Tail(update.StdErr)}");
        }
    }

    private void TakeRemoteBranch(string branch, string tracking, (string Commit, string? Parent)? dropCommit)
    {
        using var repo = store.Open();
        var remoteHead = (repo.Refs[tracking]?.ResolveToDirectReference()?.Target as Commit)!;
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

        if (!IsAncestor(repo, mine, remoteHead) && !OnlyRegistryCommits(repo, mine, remoteHead))
        {
            throw new PipelineException(PipeCodes.LocalCommitsNotPushed,
                $"branch '{branch}' and '{UrlRedaction.Strip(remote)}/{branch}' have diverged (local {local.Sha[..12]}, remote " +
                $"{remoteHead.Sha[..12]})");
        }

        TreeCommitter.MoveBranch(store.RepoPath, branch, remoteHead.Sha, local.Sha);
    }

    /// <summary>
    /// True when every commit the remote lacks is a registry write of Pipeline's own (a run killed after its commit
    /// and before its push): those were never reported as done and are replaced by deciding again.
    /// </summary>
    private bool OnlyRegistryCommits(Repository repo, Commit local, Commit remoteHead)
    {
        var filter = new CommitFilter { IncludeReachableFrom = local, ExcludeReachableFrom = remoteHead };
        var count = 0;
        foreach (var c in repo.Commits.QueryBy(filter))
        {
            if (++count > 100 || !c.Message.StartsWith("registry: ", StringComparison.Ordinal) || c.Parents.Count() != 1)
            {
                return false;
            }

            var changes = repo.Diff.Compare<TreeChanges>(c.Parents.First().Tree, c.Tree);
            if (changes.Any(ch => !ch.Path.Replace('\\', '/').StartsWith(store.RegistryDir + "/", StringComparison.Ordinal)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Local version tags the remote lacks whose commit the branch no longer holds: left by a dropped commit.</summary>
    private void DropDanglingTags(string model, string? branch)
    {
        if (branch is null)
        {
            return;
        }

        using var repo = store.Open();
        if (repo.Refs[$"refs/heads/{branch}"]?.ResolveToDirectReference()?.Target is not Commit tip)
        {
            return;
        }

        foreach (var local in TagRefs.WithPrefix(store.CommonDir, $"refs/tags/{model}@"))
        {
            if (repo.Refs[RemoteTagRefs + local.Name[10..]] is not null)
            {
                continue;
            }

            if (Peel(repo, local.Id) is { } target && !IsAncestor(repo, target, tip) && IsOwnRegistryCommit(target))
            {
                repo.Refs.Remove(local.Name);
            }
        }
    }

    private bool IsOwnRegistryCommit(Commit c) => c.Message.StartsWith("registry: register ", StringComparison.Ordinal);

    private static Commit? Peel(Repository repo, string id)
    {
        GitObject? o = repo.Lookup(id);
        for (var i = 0; i < 10 && o is TagAnnotation t; i++)
        {
            o = t.Target;
        }

        return o as Commit;
    }

    private static bool IsAncestor(Repository repo, Commit ancestor, Commit of) =>
        ancestor.Sha == of.Sha || repo.ObjectDatabase.FindMergeBase(ancestor, of)?.Sha == ancestor.Sha;
}
