using LibGit2Sharp;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Registry;
using Pipeline.Git.Registry;
using Pipeline.Git.Verify;

namespace Pipeline.Git.Gate;

/// <summary>
/// Promotion only of what was reviewed: a version may take an alias only when (1) its record is on the protected ref
/// (the tag's commit is reachable from it and the record there is the one tagged), (2) its version tag is on the commit
/// that added the record, and (3) its lineage re-verifies at its code_commit with the same checks as <c>verify</c>.
/// A record on a branch nobody merged, a tag moved onto a doctored commit, or a lineage that no longer recomputes fail here
/// whoever runs promote, assign or rollback.
/// </summary>
public static class ReviewedVersion
{
    /// <summary>What keeps the version from being promoted; empty when it may be. An untagged version is not judged here.</summary>
    public static IReadOnlyList<Diagnostic> Problems(RegistryStore store, string model, SemVer version, ProtectedRef at, bool reverify = true) =>
        GitFailure.Translate(() => Check(store, model, version, at, reverify));

    /// <summary>Throws the first problem as a <see cref="PipelineException"/> (exit 1) naming the version and the ref.</summary>
    public static void Require(RegistryStore store, string model, SemVer version, ProtectedRef at)
    {
        if (Problems(store, model, version, at).FirstOrDefault() is { } problem)
        {
            throw new PipelineException(problem.Code, problem.Message, problem.File, problem.Line, problem.Hint);
        }
    }

    private static IReadOnlyList<Diagnostic> Check(RegistryStore store, string model, SemVer version, ProtectedRef at, bool reverify)
    {
        var tag = store.State(model).TagOf(version);
        if (tag is null)
        {
            return [];
        }

        var path = VersionRecord.PathOf(store.RegistryDir, model, version);
        var spec = $"{model}@{version}";
        using (var repo = store.Open())
        {
            var protectedCommit = repo.Lookup<Commit>(at.Commit);
            var tagged = repo.Lookup<Commit>(tag.TargetCommit);
            var onRef = protectedCommit?[path]?.Target;
            var atTag = tagged?[path]?.Target;
            if (tagged is null || protectedCommit is null || !Reachable(repo, tagged, protectedCommit) || onRef is null)
            {
                var why = onRef is null
                    ? $"{at.Name} has no {path}"
                    : $"the commit its tag names ({Short(tag.TargetCommit)}) is not reachable from {at.Name}";
                return [Problem(PipeCodes.PromotionNotMerged,
                    $"{spec} was not reviewed: its record is not on the protected ref {at.Name} ({Short(at.Commit)}): {why}; only a merged record " +
                    "can take an alias",
                    path)];
            }

            if (atTag is null || tagged.Parents.Any(p => p[path] is not null))
            {
                var adder = AddedBy(store.RepoPath, at.Commit, path);
                return [Problem(PipeCodes.PromotionTagMisplaced,
                    $"{spec}: the version tag is on {Short(tag.TargetCommit)}, which {(atTag is null ? "does not contain" : "did not add")} {path}"
                    + (adder is null ? "" : $"; the record was added by {Short(adder)} on {at.Name}"),
                    path,
                    fix: adder is null
                        ? null
                        : $"git tag -d {spec} && git tag -a {spec} {Short(adder)} -m 'Registering artifact {model} version {version}' (then push " +
                            "the tag)")];
            }

            if (atTag.Id != onRef.Id)
            {
                return [Problem(PipeCodes.PromotionNotMerged,
                    $"{spec} was not reviewed as tagged: {path} on {at.Name} is not the record its tag names (a registered record is never edited)",
                    path)];
            }
        }

        if (!reverify)
        {
            return [];
        }

        var report = new Verifier(store.RepoPath, new VerifyOptions
        {
            Head = at.Commit,
            Versions = [spec],
            RegistryDir = store.RegistryDir,
            AllowFetch = false,
        }).Run();
        var errors = report.AllFindings.Where(f => f.Severity == Severity.Error).ToArray();
        return errors.Length == 0
            ? []
            : [Problem(PipeCodes.PromotionLineageUnverified,
                $"{spec} does not re-verify at its code_commit on {at.Name}: " +
                $"{string.Join("; ", errors.Take(3).Select(e => $"{e.Code.Id} {e.Message}"))}"
                + (errors.Length > 3 ? $" (and {errors.Length - 3} more)" : ""),
                path, fix: $"pipeline verify --version {spec} shows every finding; register a new version from the commit that trained it")];
    }

    private static bool Reachable(LibGit2Sharp.Repository repo, Commit ancestor, Commit tip) =>
        ancestor.Sha == tip.Sha || repo.ObjectDatabase.FindMergeBase(ancestor, tip)?.Sha == ancestor.Sha;

    /// <summary>The commit on the protected ref that added the record (for the repairing command), via git's own log.</summary>
    private static string? AddedBy(string repoPath, string tip, string path)
    {
        var log = GitCli.Run(repoPath, ["log", "--diff-filter=A", "--format=%H", "-1", tip, "--", path]);
        var sha = log.Ok ? log.StdOut.Trim() : "";
        return sha.Length >= 40 ? sha : null;
    }

    private static Diagnostic Problem(PipeCode code, string message, string path, string? fix = null) =>
        new(Severity.Error, code, message, path, null, fix ?? code.Fix);

    private static string Short(string sha) => sha.Length > 12 ? sha[..12] : sha;
}
