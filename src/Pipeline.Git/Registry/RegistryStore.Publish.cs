using LibGit2Sharp;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Registry;

namespace Pipeline.Git.Registry;

public sealed partial class RegistryStore
{
    /// <summary>
    /// <c>pipeline publish</c>: after a proposal is merged, the version becomes real. Every record on the branch whose
    /// version tag <c>&lt;model&gt;@&lt;version&gt;</c> does not exist gets it, on the commit that added the record to the
    /// branch (the proposal commit a merge brought in, or the squash/rebase commit the pull request produced). Idempotent: a tag
    /// already on a commit holding the same record is left as it is. The tag is the compare-and-swap of publication: a
    /// tag on a commit that does not hold this record is PIPE3110, naming both commits. With <paramref name="remote"/>,
    /// the remote's tags are fetched first and the new tags are pushed in one <c>git push --atomic</c>.
    /// </summary>
    public PublishResult Publish(string? remote = null, GitIdentity? who = null)
    {
        var branch = RequireBranch();
        if (remote is not null)
        {
            var fetch = GitCli.Run(RepoPath, "fetch", "--no-tags", "--quiet", remote, "+refs/tags/*:refs/tags/*");
            if (!fetch.Ok)
            {
                throw new PipelineException(
                    PipeCodes.PushFailed,
                    $"git fetch of the tags of {Pipeline.Git.UrlRedaction.Strip(remote)} failed: {fetch.StdErr.Trim()}");
            }
        }

        var identity = who ?? GitIdentity.Resolve(RepoPath);
        var entries = new List<PublishedTag>();
        var created = new List<string>();
        using (var writeLock = WriteLock.Take(CommonDir))
        using (var repo = Open())
        {
            var tip = BranchCommit(repo) ?? throw new PipelineException(PipeCodes.NoBranch, $"branch '{branch}' has no commits");
            var records = RecordFiles(tip);
            var pending = new Dictionary<string, (string Model, SemVer Version, ObjectId Blob)>(StringComparer.Ordinal);
            foreach (var (model, version, path, blob) in records)
            {
                var tagName = RegistryTag.ForVersion(model, version);
                if (repo.Refs[$"refs/tags/{tagName}"] is null)
                {
                    pending[path] = (model, version, blob);
                    continue;
                }

                var tagged = ToTagInfo(repo, tagName, repo.Refs[$"refs/tags/{tagName}"]!.TargetIdentifier);
                var taggedCommit = tagged is { TargetIsCommit: true } ? repo.Lookup<Commit>(tagged.TargetCommit) : null;
                if (taggedCommit?[path]?.Target?.Id == blob)
                {
                    entries.Add(new PublishedTag(model, version, tagName, taggedCommit.Sha, path, Created: false));
                    continue;
                }

                var added = CommitsThatAdded(tip, new Dictionary<string, ObjectId> { [path] = blob })[path];
                throw new PipelineException(PipeCodes.PublishTagConflict,
                    $"tag '{tagName}' points at {(tagged?.TargetCommit is { Length: > 0 } t ? t : "a non-commit object")}, which does not hold " +
                    $"{path}; the record was added to '{branch}' by {added}",
                    path);
            }

            var adders = CommitsThatAdded(tip, pending.ToDictionary(p => p.Key, p => p.Value.Blob, StringComparer.Ordinal));
            foreach (var (path, (model, version, _)) in pending.OrderBy(p => p.Value.Model, StringComparer.Ordinal).ThenBy(p => p.Value.Version))
            {
                var tagName = RegistryTag.ForVersion(model, version);
                var record = VersionRecordJson.Read(Content((Blob)tip[path].Target), path);
                CreateTag(repo, tagName, adders[path], RegistrationMessage(record, path, identity), identity);
                entries.Add(new PublishedTag(model, version, tagName, adders[path], path, Created: true));
                created.Add(tagName);
            }
        }

        if (remote is not null && created.Count > 0)
        {
            PushTags(remote, created);
        }

        return new PublishResult(branch, entries, remote is not null && created.Count > 0);
    }

    private void PushTags(string remote, IReadOnlyList<string> tags)
    {
        var push = GitCli.Run(RepoPath, ["push", "--atomic", "--porcelain", remote, .. tags.Select(t => $"refs/tags/{t}:refs/tags/{t}")]);
        if (push.Ok)
        {
            return;
        }

        // Refused: if another publisher pushed the same tags on the same commits, that is success; a tag on another
        // commit is the lost compare-and-swap and names both commits.
        var listed = GitCli.Run(RepoPath, ["ls-remote", "--tags", remote, .. tags.Select(t => $"refs/tags/{t}")]);
        var theirs = listed.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('\t'))
            .Where(p => p.Length == 2)
            .GroupBy(p => p[1].EndsWith("^{}", StringComparison.Ordinal) ? p[1][..^3] : p[1])
            .ToDictionary(
                g => g.Key["refs/tags/".Length..],
                g => (g.FirstOrDefault(p => p[1].EndsWith("^{}", StringComparison.Ordinal)) ?? g.First())[0]);
        using var repo = Open();
        var allThere = true;
        foreach (var tag in tags)
        {
            var ours = repo.Tags[tag]?.PeeledTarget?.Sha;
            if (!theirs.TryGetValue(tag, out var remoteCommit))
            {
                allThere = false;
                continue;
            }

            if (remoteCommit != ours)
            {
                throw new PipelineException(PipeCodes.PublishTagConflict,
                    $"tag '{tag}' was published on {Pipeline.Git.UrlRedaction.Strip(remote)} at {remoteCommit}, not at {ours}");
            }
        }

        if (!allThere)
        {
            throw new PipelineException(PipeCodes.PublishPushFailed,
                $"git push --atomic of {tags.Count} tag(s) to {Pipeline.Git.UrlRedaction.Strip(remote)} was refused: " +
                $"{(push.StdErr + push.StdOut).Trim()}");
        }
    }

    /// <summary>Every version record file under the registry folder at <paramref name="tip"/> (runs/ excluded).</summary>
    private List<(string Model, SemVer Version, string Path, ObjectId Blob)> RecordFiles(Commit tip)
    {
        var found = new List<(string, SemVer, string, ObjectId)>();
        if (tip[RegistryDir]?.Target is not Tree root)
        {
            return found;
        }

        void Walk(Tree tree, string prefix)
        {
            foreach (var entry in tree)
            {
                if (entry.Target is Tree sub && !(prefix.Length == 0 && entry.Name == "runs"))
                {
                    Walk(sub, prefix + entry.Name + "/");
                }
                else if (entry.Target is Blob blob && prefix.Length > 0 && entry.Name.EndsWith(".json", StringComparison.Ordinal)
                         && SemVer.TryParse(entry.Name[..^5], out var version) && RegistryNames.IsValid(prefix.TrimEnd('/')))
                {
                    found.Add((prefix.TrimEnd('/'), version, $"{RegistryDir}/{prefix}{entry.Name}", blob.Id));
                }
            }
        }

        Walk(root, "");
        return found;
    }

    /// <summary>
    /// For each path, the first-parent commit that brought its current content to the branch: one walk down the
    /// first-parent line for all paths together (a record added by a merged pull request resolves to the merge commit).
    /// A path still pending at the end of a shallow history resolves to the oldest commit present.
    /// </summary>
    private static Dictionary<string, string> CommitsThatAdded(Commit tip, IReadOnlyDictionary<string, ObjectId> paths)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var pending = paths.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        for (var commit = tip; commit is not null && pending.Count > 0;)
        {
            var parent = commit.Parents.FirstOrDefault();
            foreach (var (path, blob) in pending.ToArray())
            {
                if (parent?[path]?.Target?.Id != blob)
                {
                    result[path] = Descend(commit, path, blob).Sha;
                    pending.Remove(path);
                }
            }

            commit = parent;
        }

        return result;
    }

    /// <summary>
    /// A merge commit did not write the record: the merged branch did. Follows the other parent that already holds the
    /// same content down to the commit that introduced it (the proposal commit); squash and rebase merges stay as they are.
    /// </summary>
    private static Commit Descend(Commit added, string path, ObjectId blob)
    {
        for (var depth = 0; depth < 100; depth++)
        {
            var other = added.Parents.Skip(1).FirstOrDefault(p => p[path]?.Target?.Id == blob);
            if (other is null)
            {
                return added;
            }

            var commit = other;
            while (commit.Parents.FirstOrDefault() is { } parent && parent[path]?.Target?.Id == blob)
            {
                commit = parent;
            }

            added = commit;
        }

        return added;
    }
}

/// <summary>One version tag of a publication: created now, or found already on a commit holding the record.</summary>
public sealed record PublishedTag(string Model, SemVer Version, string Tag, string Commit, string RecordPath, bool Created);

/// <summary>The outcome of <c>pipeline publish</c>.</summary>
public sealed record PublishResult(string Branch, IReadOnlyList<PublishedTag> Tags, bool Pushed);
