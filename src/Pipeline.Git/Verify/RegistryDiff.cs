using LibGit2Sharp;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Registry;
using Pipeline.Core.Verify;

namespace Pipeline.Git.Verify;

/// <summary>
/// What a change did to the registry: records added (to verify), modified or deleted (forbidden: the registry is
/// append-only), decision logs touched (appending is fine, rewriting is not), and whether it touched the gate file. Only the diff between the two
/// trees is read, so the cost
/// follows the size of the change, not the size of the registry.
/// </summary>
public static class RegistryDiff
{
    public static (IReadOnlyList<RecordChange> Records, bool GateEdited, IReadOnlyList<DecisionLogChange> Logs) Compare(
        LibGit2Sharp.Repository repo, Commit baseCommit, Commit headCommit, string registryDir, string gateFile)
    {
        var options = new CompareOptions { Similarity = SimilarityOptions.None, IncludeUnmodified = false };
        var prefix = registryDir.TrimEnd('/') + "/";
        var changes = repo.Diff.Compare<TreeChanges>(baseCommit.Tree, headCommit.Tree, [prefix, gateFile], null, options);
        var records = new List<RecordChange>();
        var logs = new List<DecisionLogChange>();
        var gateEdited = false;
        foreach (var change in changes)
        {
            if (change.Path == gateFile || change.OldPath == gateFile)
            {
                gateEdited = true;
                continue;
            }

            var kind = change.Status switch
            {
                ChangeKind.Added or ChangeKind.Copied => RecordChangeKind.Added,
                ChangeKind.Deleted => RecordChangeKind.Deleted,
                ChangeKind.Unmodified => (RecordChangeKind?)null,
                _ => RecordChangeKind.Modified,
            };
            if (kind is null)
            {
                continue;
            }

            var path = kind == RecordChangeKind.Deleted ? change.OldPath : change.Path;
            if (RecordPath.Parse(path, registryDir) is (var model, var version))
            {
                records.Add(new RecordChange(kind.Value, path, model, version));
            }
            else if (DecisionLog.ModelOf(path, registryDir) is { } owner)
            {
                logs.Add(new DecisionLogChange(kind.Value, path, owner));
            }
        }

        records.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        logs.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return (records, gateEdited, logs);
    }

    /// <summary>Every version record in the head tree (for --all).</summary>
    public static IReadOnlyList<RecordChange> All(Commit head, string registryDir)
    {
        var result = new List<RecordChange>();
        if (head[registryDir.TrimEnd('/')]?.Target is not Tree root)
        {
            return result;
        }

        Walk(root, registryDir.TrimEnd('/'), registryDir, result);
        result.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return result;
    }

    /// <summary>
    /// The records of the named versions (<c>MODEL@vX.Y.Z</c>, each once, in the order given) as they are in head.
    /// A malformed spec or a version without a record in head is an input error: verifying nothing would pass.
    /// </summary>
    public static IReadOnlyList<RecordChange> Selected(Commit head, string registryDir, IEnumerable<string> specs)
    {
        var result = new List<RecordChange>();
        foreach (var spec in specs.Distinct(StringComparer.Ordinal))
        {
            // Model names may contain '/' but never '@', so the last '@' splits the spec.
            var at = spec.LastIndexOf('@');
            var path = at > 0 && at < spec.Length - 1 ? $"{registryDir.TrimEnd('/')}/{spec[..at]}/{spec[(at + 1)..]}.json" : null;
            if (path is null
                || RecordPath.Parse(path, registryDir) is not (var model, var version)
                || model != spec[..at]
                || !RegistryNames.IsValid(model))
            {
                throw new PipelineException(
                    PipeCodes.VerifyVersionSpecInvalid,
                    $"--version '{spec}' is not MODEL@vX.Y.Z",
                    null,
                    null,
                    PipeCodes.VerifyVersionSpecInvalid.Fix);
            }

            if (head[path]?.Target is not Blob)
            {
                throw new PipelineException(PipeCodes.VerifyVersionMissing,
                    $"{model}@{version} has no record in {head.Sha[..10]} (looked for {path})", path, null, PipeCodes.VerifyVersionMissing.Fix);
            }

            result.Add(new RecordChange(RecordChangeKind.Added, path, model, version));
        }

        return result;
    }

    private static void Walk(Tree tree, string path, string registryDir, List<RecordChange> result)
    {
        foreach (var entry in tree)
        {
            var child = path + "/" + entry.Name;
            if (entry.TargetType == TreeEntryTargetType.Tree)
            {
                if (child == registryDir.TrimEnd('/') + "/runs")
                {
                    continue;
                }

                Walk((Tree)entry.Target, child, registryDir, result);
            }
            else if (RecordPath.Parse(child, registryDir) is (var model, var version))
            {
                result.Add(new RecordChange(RecordChangeKind.Added, child, model, version));
            }
        }
    }
}
