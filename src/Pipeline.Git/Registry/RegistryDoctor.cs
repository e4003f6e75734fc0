using LibGit2Sharp;
using Pipeline.Core.Canonical;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Registry;

namespace Pipeline.Git.Registry;

using Repository = LibGit2Sharp.Repository;

/// <summary>One problem doctor found: what, where (model, tag or path, and the line in that file when known), and the command that fixes
/// it.</summary>
public sealed record RegistryProblem(string Kind, string? Model, string Subject, string Message, string Fix, int? Line = null);

/// <summary>
/// Checks the registry for what a crash, a hand-made tag or a partial clone leaves behind (docs/design.md §3, §4). Unlike the
/// per-model commands it visits every model: that is its job.
/// </summary>
public static class RegistryDoctor
{
    public const string FetchTags = "git fetch origin 'refs/tags/*:refs/tags/*'";

    /// <summary>A counter no real registry reaches (a billion alias events): a hand-made or hostile tag.</summary>
    public const long AbsurdCounter = 1_000_000_000;

    public static IReadOnlyList<RegistryProblem> Check(RegistryStore store)
    {
        var problems = new List<RegistryProblem>();
        if (File.Exists(Path.Combine(store.CommonDir, "shallow")))
        {
            problems.Add(
                new("shallow-clone", null, store.RepoPath, "the repository is a shallow clone: lineage commits and tagged commits may be missing",
                "git fetch --unshallow --tags origin (in actions/checkout: fetch-depth: 0)"));
        }

        var states = store.AllStates();
        var models = new SortedSet<string>(store.Models(states), StringComparer.Ordinal);
        models.UnionWith(states.Keys);

        var reviewed = ReviewedRef(store);
        using var repo = store.Open();
        var recordsWithoutTags = 0;
        foreach (var model in models)
        {
            var state = states.TryGetValue(model, out var known) ? known : ModelState.From(model, []);
            foreach (var t in state.Lightweight)
            {
                problems.Add(new("lightweight-tag", model, t.Name, $"lightweight tag '{t.Name}' is ignored (only annotated tags are trusted)",
                    $"git tag -d '{t.Name}' && git tag -a '{t.Name}' {Short(t.TargetCommit)} -m '…' (or delete it if nobody meant it)"));
            }

            foreach (var t in state.Malformed)
            {
                problems.Add(
                    new("malformed-tag", model, t.Name, $"tag '{t.Name}' is in model '{model}''s namespace but does not follow the tag grammar",
                    $"rename or delete it: git tag -d '{t.Name}'"));
            }

            foreach (var t in state.NonCommit)
            {
                problems.Add(
                    new(
                        "tag-on-non-commit",
                        model,
                        t.Name,
                        $"tag '{t.Name}' points at a tree or a blob, not a commit: it names no version and is ignored",
                    $"delete it: git tag -d '{t.Name}' (and on the remote: git push origin :refs/tags/{t.Name})"));
            }

            foreach (var t in state.Annotated.Select(a => a.Info).Concat(state.Lightweight).Concat(state.NonCommit))
            {
                if (RegistryTag.TryParse(t.Name, out var parsed) && parsed.Counter is >= AbsurdCounter)
                {
                    problems.Add(new("absurd-counter", model, t.Name,
                        $"tag '{t.Name}' has counter " +
                        $"{parsed.Counter}" +
                        $"{(parsed.Counter == long.MaxValue ? " (at or past the end of the range: no alias event can follow it)" : "")}; " +
                        "no registry takes that many events",
                        $"if nobody meant it, delete it: git tag -d '{t.Name}' && git push origin :refs/tags/{t.Name}"));
                }
            }

            foreach (var c in state.AmbiguousCommits)
            {
                problems.Add(
                    new(
                        "commit-with-two-versions",
                        model,
                        c,
                        $"commit {Short(c)} carries more than one version of '{model}'; aliases on it resolve to the greatest",
                    "register each version on its own commit (pipeline register always does)"));
            }

            foreach (var dup in state.AliasEvents.GroupBy(e => (e.Alias, e.Counter)).Where(g => g.Count() > 1))
            {
                problems.Add(new("duplicate-counter", model, string.Join(", ", dup.Select(e => e.Tag.Name)),
                    $"alias '{dup.Key.Alias}' has two events with counter {dup.Key.Counter}; the later tag name wins",
                    "assign the intended version again (a new, higher counter settles it)"));
            }

            var records = store.RecordsOnBranch(repo, model, ex => problems.Add(Unreadable(model, ex)));
            foreach (var r in records.Where(r => state.TagOf(r.Version) is null))
            {
                recordsWithoutTags++;
                problems.Add(
                    new("record-without-tag", model, r.Path(store.RegistryDir), $"{model} {r.Version} has a record but no tag '{model}@{r.Version}'",
                    $"{FetchTags}; if still missing, re-run 'pipeline register {model}' with the same lineage (it tags the commit that added the " +
                    "record)"));
            }

            foreach (var variants in state.AliasEvents.Select(e => e.Alias).Distinct(StringComparer.Ordinal)
                .GroupBy(a => a.ToLowerInvariant(), StringComparer.Ordinal).Where(g => g.Count() > 1))
            {
                problems.Add(new("alias-case-variant", model, string.Join(", ", variants.Select(a => $"{model}#{a}")),
                    $"aliases {string.Join(", ", variants.Select(a => $"'{a}'"))} differ only in case: they are separate aliases to git and one " +
                    "folder on case-insensitive disks",
                    $"keep one: unassign the others (pipeline unassign {model} --alias NAME) and use lower case"));
            }

            var branchTip = store.BranchCommit(repo);
            foreach (var (version, tag) in state.Versions)
            {
                var path = VersionRecord.PathOf(store.RegistryDir, model, version);
                var atTag = repo.Lookup<Commit>(tag.TargetCommit)?[path]?.Target;
                var onBranch = branchTip?[path]?.Target;
                if (atTag is not null && branchTip is not null && onBranch is null)
                {
                    problems.Add(new("record-deleted", model, path, $"{path} was deleted from the branch; {tag.Name} still names its commit",
                        $"restore it: git checkout {Short(tag.TargetCommit)} -- {path} && git commit -m 'restore {path}'"));
                }
                else if (atTag is not null && onBranch is not null && atTag.Id != onBranch.Id)
                {
                    problems.Add(
                        new(
                            "record-overwritten",
                            model,
                            path,
                            $"{path} on the branch is not the record {tag.Name} was registered with; records are immutable",
                        $"restore the registered record: git checkout {Short(tag.TargetCommit)} -- {path} && git commit -m 'restore {path}'"));
                }

                var inTag = atTag is not null;
                if (!inTag && records.All(r => !r.Version.Equals(version)))
                {
                    problems.Add(new("tag-without-record", model, tag.Name, $"tag '{tag.Name}' has no record {path} (made by GTO or by hand?)",
                        "register the version with 'pipeline register' to give it a record, or deregister it: pipeline deprecate " + model
                        + " --version " + version));
                }
            }

            // The decision log is not a version record and makes no tag: only lines that are not decisions are problems.
            foreach (var bad in store.Decisions(repo, model).Problems)
            {
                problems.Add(new("malformed-decision", model, bad.File ?? DecisionLog.PathOf(store.RegistryDir, model), bad.Message,
                    $"restore the line from git history (git log -p -- {bad.File}); the log is append-only and only 'pipeline promote' writes it",
                    bad.Line));
            }

            foreach (var (alias, version) in state.Aliases)
            {
                if (state.IsDeprecated(version))
                {
                    problems.Add(new("alias-on-deprecated", model, $"{model}#{alias}", $"alias '{alias}' points at deprecated {model}@{version}",
                        $"pipeline assign {model} --alias {alias} --version <live version> (or pipeline unassign {model} --alias {alias})"));
                }

                VersionRecord? record;
                try
                {
                    record = store.Record(repo, model, version, state);
                }
                catch (PipelineException ex)
                {
                    // On the branch it was reported above; at the tag's own commit it is reported here.
                    if (!problems.Any(p => p.Kind == "malformed-record" && p.Subject == ex.File))
                    {
                        problems.Add(Unreadable(model, ex));
                    }

                    continue;
                }

                if (record is not null)
                {
                    LineageGone(repo, model, alias, record, problems);
                }

                if (reviewed is not null)
                {
                    foreach (var p in Gate.ReviewedVersion.Problems(store, model, version, reviewed))
                    {
                        problems.Add(new("alias-on-unreviewed", model, $"{model}#{alias}",
                            $"{model}#{alias} → {version}: {p.Code.Id} {p.Message}",
                            $"pipeline rollback {model} --alias {alias} (back to the reviewed version it held) or pipeline unassign {model} " +
                            $"--alias {alias}"
                            + (p.Code == PipeCodes.PromotionTagMisplaced && p.Hint is { } retag ? $"; to keep it, move the tag: {retag}" : "")));
                    }
                }
            }

            if (reviewed is not null)
            {
                AbandonedProposals(store, repo, model, state, reviewed, problems);
            }
        }

        Debris(store, repo, problems);
        if (recordsWithoutTags > 0 && TagRefs.All(store.CommonDir, "refs/tags/").Count == 0)
        {
            problems.Add(
                new(
                    "tags-missing",
                    null,
                    "refs/tags",
                    "records exist but the clone has no tags at all (actions/checkout fetches none by default)",
                    FetchTags));
        }

        return problems;
    }

    /// <summary>
    /// The ref promotion trusts (<see cref="Gate.ProtectedRegistryRef"/>); null when there is none to judge against (a
    /// detached checkout with no --branch, or a clone that has not fetched the registry branch), where verify is the check.
    /// </summary>
    private static Gate.ProtectedRef? ReviewedRef(RegistryStore store)
    {
        try
        {
            return store.Branch is null ? null : Gate.ProtectedRegistryRef.Resolve(store, null);
        }
        catch (PipelineException)
        {
            return null;
        }
    }

    /// <summary>Version tags on commits the protected ref never merged: a proposal abandoned (or registered and never pushed).</summary>
    private static void AbandonedProposals(
        RegistryStore store, Repository repo, string model, ModelState state, Gate.ProtectedRef reviewed, List<RegistryProblem> problems)
    {
        var tip = repo.Lookup<Commit>(reviewed.Commit);
        if (tip is null)
        {
            return;
        }

        foreach (var (version, tag) in state.Versions)
        {
            var commit = repo.Lookup<Commit>(tag.TargetCommit);
            if (commit is null || commit.Sha == tip.Sha || repo.ObjectDatabase.FindMergeBase(commit, tip)?.Sha == commit.Sha)
            {
                continue;
            }

            var aliases = state.Aliases.Where(a => a.Value.Equals(version)).Select(a => a.Key).ToArray();
            problems.Add(new("abandoned-proposal", model, tag.Name,
                $"tag '{tag.Name}' is on commit {Short(tag.TargetCommit)}, which {reviewed.Name} never merged: a proposal that was abandoned or " +
                "not pushed yet"
                + (aliases.Length == 0 ? "" : $" (aliases {string.Join(", ", aliases)} point at it)"),
                $"merge its pull request (or push the registry branch), else delete the tag: git tag -d '{tag.Name}' && git push origin " +
                $":refs/tags/{tag.Name}"));
        }
    }

    /// <summary>What a killed writer leaves: its journal, temp files, a held index.lock. The next write clears the first two.</summary>
    private static void Debris(RegistryStore store, Repository repo, List<RegistryProblem> problems)
    {
        if (PendingWrite.Read(repo) is { } pending)
        {
            problems.Add(new("interrupted-write", null, pending.File,
                $"a Pipeline write was interrupted at {pending.WrittenUtc:yyyy-MM-dd HH:mm:ss}Z (commit {Short(pending.Commit)}, " +
                $"{pending.Paths.Count} path(s)); its command never reported success",
                "run any registry write (or 'pipeline register' again): it finishes the write if the branch moved, " +
                "else puts the touched paths back"));
        }

        if (repo.Info.WorkingDirectory is { } root && Directory.Exists(Path.Combine(root, store.RegistryDir)))
        {
            foreach (var temp in Directory.EnumerateFiles(Path.Combine(root, store.RegistryDir), "*.pipeline-tmp", SearchOption.AllDirectories))
            {
                problems.Add(
                    new("temp-file", null, Path.GetRelativePath(root, temp).Replace('\\', '/'), "a temporary file left by an interrupted write",
                    $"delete it: rm '{Path.GetRelativePath(root, temp)}'"));
            }
        }

        var indexLock = IndexLock.PathIn(repo);
        if (File.Exists(indexLock) && DateTime.UtcNow - File.GetLastWriteTimeUtc(indexLock) > TimeSpan.FromMinutes(1))
        {
            problems.Add(
                new(
                    "index-lock",
                    null,
                    indexLock,
                    $"'{indexLock}' has been held since {File.GetLastWriteTimeUtc(indexLock):yyyy-MM-dd HH:mm:ss}Z: every git write here fails",
                "if no git command is running, remove it"));
        }
    }

    private static RegistryProblem Unreadable(string model, PipelineException ex) =>
        new("malformed-record", model, ex.File ?? model, $"{ex.Code.Id}: {ex.Message}",
            "restore the record from git history (git log -p -- FILE): a version record is never edited once registered", ex.Line);

    private static void LineageGone(Repository repo, string model, string alias, VersionRecord record, List<RegistryProblem> problems)
    {
        if (record.Lineage["code_commit"] is not StringValue code)
        {
            return;
        }

        var commit = code.Value.Length is >= 4 and <= 64 && code.Value.All(Uri.IsHexDigit) ? repo.Lookup<Commit>(code.Value) : null;
        if (commit is null)
        {
            problems.Add(
                new(
                    "lineage-commit-gone",
                    model,
                    $"{model}@{record.Version}",
                    $"{model}#{alias} → {record.Version}: lineage code_commit {code.Value} is not in the repository, so its lineage cannot be " +
                    "recomputed",
                "fetch full history (git fetch --unshallow origin) or restore the commit; a force-pushed branch loses it"));
            return;
        }

        var lockPath = record.LineageSources switch
        {
            ObjectValue o when o["data"] is ObjectValue data && data["lock"] is StringValue s => s.Value,
            ObjectValue o when o["lock"] is StringValue s => s.Value,
            ObjectValue o when o["lock"] is ObjectValue l && l["path"] is StringValue p => p.Value,
            _ => null,
        };
        if (lockPath is not null && commit[lockPath] is null)
        {
            problems.Add(
                new(
                    "lineage-lock-gone",
                    model,
                    $"{model}@{record.Version}",
                    $"{model}#{alias} → {record.Version}: {lockPath} is not in commit {Short(commit.Sha)}",
                "the lineage's data version cannot be recomputed; re-register from a commit that has the lock file"));
        }
    }

    private static string Short(string sha) => sha.Length > 12 ? sha[..12] : sha;
}
