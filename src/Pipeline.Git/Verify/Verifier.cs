using LibGit2Sharp;
using Pipeline.Core.Artifacts;
using Pipeline.Core.Canonical;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Lineage;
using Pipeline.Core.Verify;

namespace Pipeline.Git.Verify;

/// <summary>
/// The pull-request check: every version record a change adds must recompute, byte for byte, from the repository
/// at its own code_commit; existing records must not change. Reads only the records the diff touched.
/// </summary>
public sealed class Verifier(string repoPath, VerifyOptions options)
{
    /// <summary>Recomputes lineage fields from their recorded sources at the commit (wired to the lineage builder).</summary>
    public Func<Repository, Commit, ObjectValue, string, IEnumerable<Diagnostic>>? SourceCheck { get; init; }

    public VerifyReport Run()
    {
        using var repo = RepositoryAccess.Open(repoPath);
        var workDir = repo.Info.WorkingDirectory ?? repo.Info.Path;
        var head = Resolve(repo, options.Head, "head")
            ?? throw new PipelineException(PipeCodes.VerifyRefMissing, $"head revision '{options.Head}' not found");
        var changeFindings = new List<Diagnostic>();
        IReadOnlyList<RecordChange> records;
        string baseLabel;
        if (options.All)
        {
            records = RegistryDiff.All(head, options.RegistryDir);
            baseLabel = "(all)";
        }
        else
        {
            var baseCommit = ResolveBase(repo, workDir, head);
            baseLabel = baseCommit.Sha;
            (records, var gateEdited) = RegistryDiff.Compare(repo, baseCommit, head, options.RegistryDir, options.GateFile);
            if (gateEdited)
            {
                changeFindings.Add(new Diagnostic(Severity.Warning, PipeCodes.VerifyGateEdited,
                    $"this change edits {options.GateFile}; promotion still reads the gate from the protected ref",
                    options.GateFile, null, PipeCodes.VerifyGateEdited.Fix));
            }
        }

        var checks = new List<VersionCheck>();
        foreach (var change in records)
        {
            switch (change.Kind)
            {
                case RecordChangeKind.Modified:
                    changeFindings.Add(new Diagnostic(Severity.Error, PipeCodes.RegistryRecordModified,
                        $"{change.Model}@{change.Version} was already registered; this change edits its record",
                        change.Path, 1, PipeCodes.RegistryRecordModified.Fix));
                    break;
                case RecordChangeKind.Deleted:
                    changeFindings.Add(new Diagnostic(Severity.Error, PipeCodes.RegistryRecordDeleted,
                        $"{change.Model}@{change.Version} was registered; this change deletes its record",
                        change.Path, null, PipeCodes.RegistryRecordDeleted.Fix));
                    break;
                default:
                    checks.Add(Check(repo, workDir, head, change));
                    break;
            }
        }

        return new VerifyReport(baseLabel, head.Sha, checks, changeFindings);
    }

    private VersionCheck Check(Repository repo, string workDir, Commit head, RecordChange change)
    {
        var blob = head[change.Path]?.Target as Blob;
        ObjectValue record;
        try
        {
            var value = JsonReader.Parse(blob is null ? [] : ReadAll(blob), change.Path);
            record = value as ObjectValue
                ?? throw new PipelineException(PipeCodes.VerifyRecordUnreadable, "a version record must be a JSON object", change.Path, value.Line);
        }
        catch (PipelineException ex)
        {
            var d = ex.ToDiagnostic();
            return new VersionCheck(change.Model, change.Version, change.Path, null,
                [new Diagnostic(Severity.Error, PipeCodes.VerifyRecordUnreadable, d.Message, change.Path, d.Line, PipeCodes.VerifyRecordUnreadable.Fix)]);
        }

        var findings = RecordChecks.Run(record, change.Path);
        var fingerprint = (record["fingerprint"] as StringValue)?.Value;
        if (record["lineage"] is ObjectValue lineage && lineage[LineageFields.CodeCommit] is StringValue sha)
        {
            var commit = FindCommit(repo, workDir, sha.Value);
            var line = lineage.LineOf(LineageFields.CodeCommit);
            if (commit is null)
            {
                findings.Add(RecordChecks.Error(PipeCodes.VerifyCommitMissing,
                    $"code_commit {sha.Value} does not exist in this repository"
                    + (repo.Info.IsShallow ? " (this is a shallow clone and fetching it failed: set fetch-depth: 0 on actions/checkout)" : ""),
                    change.Path, line));
            }
            else
            {
                if (!IsReachable(repo, workDir, commit, head))
                {
                    findings.Add(RecordChecks.Error(PipeCodes.VerifyCommitUnreachable,
                        $"code_commit {commit.Sha} is not an ancestor of {head.Sha[..10]}"
                        + (repo.Info.IsShallow ? " (shallow clone: set fetch-depth: 0 on actions/checkout)" : ""),
                        change.Path, line));
                }

                if (SourceCheck is not null)
                {
                    findings.AddRange(SourceCheck(repo, commit, record, change.Path));
                }
            }
        }

        findings.AddRange(CheckLocalArtifact(record, change.Path, workDir));
        return new VersionCheck(change.Model, change.Version, change.Path, fingerprint, findings);
    }

    private static IEnumerable<Diagnostic> CheckLocalArtifact(ObjectValue record, string path, string workDir)
    {
        if (record["artifact"] is not ObjectValue artifact
            || artifact["uri"] is not StringValue uri
            || artifact["sha256"] is not StringValue recorded
            || ArtifactDigest.IsRemote(uri.Value))
        {
            yield break;
        }

        var full = Path.GetFullPath(uri.Value, workDir);
        if (!File.Exists(full) && !Directory.Exists(full))
        {
            yield break; // not on this machine (a CI runner rarely has the checkpoint): only the digest's presence is checked
        }

        var actual = ArtifactDigest.Describe(uri.Value, workDir).Sha256;
        if (!string.Equals(actual, recorded.Value, StringComparison.Ordinal))
        {
            yield return RecordChecks.Error(PipeCodes.VerifyArtifactMismatch,
                $"artifact {uri.Value} has sha256 {actual}, the record says {recorded.Value}", path, artifact.LineOf("sha256"));
        }
    }

    private Commit ResolveBase(Repository repo, string workDir, Commit head)
    {
        var candidates = new List<string>();
        if (options.Base is not null) candidates.Add(options.Base);
        else
        {
            if (options.PullRequestBaseSha is not null) candidates.Add(options.PullRequestBaseSha);
            var baseRef = Environment.GetEnvironmentVariable("GITHUB_BASE_REF");
            if (!string.IsNullOrEmpty(baseRef)) candidates.Add($"{options.Remote}/{baseRef}");
            candidates.AddRange([$"{options.Remote}/HEAD", "main", "master"]);
        }

        foreach (var candidate in candidates)
        {
            var commit = Resolve(repo, candidate, "base");
            if (commit is null && options.AllowFetch && (options.Base is not null || candidate == options.PullRequestBaseSha))
            {
                Fetch(workDir, candidate, depth: 1);
                commit = Resolve(repo, candidate, "base");
            }

            if (commit is null) continue;
            var mergeBase = MergeBase(repo, workDir, commit, head);
            if (mergeBase is not null) return mergeBase;
        }

        throw new PipelineException(PipeCodes.VerifyRefMissing,
            options.Base is null
                ? "cannot find the base of this change (tried " + string.Join(", ", candidates) + ")"
                : $"cannot find a common ancestor of base '{options.Base}' and head",
            null, null,
            "Pass --base REF, or in GitHub Actions use actions/checkout with fetch-depth: 0 (or fetch the base branch) so the base and its history are present.");
    }

    private Commit? MergeBase(Repository repo, string workDir, Commit a, Commit b)
    {
        var mergeBase = repo.ObjectDatabase.FindMergeBase(a, b);
        for (var attempt = 0; mergeBase is null && repo.Info.IsShallow && options.AllowFetch && attempt < 4; attempt++)
        {
            // Shallow clone: deepen a little at a time rather than assuming fetch-depth: 0.
            GitCli.Run(workDir, "fetch", "--no-tags", "--deepen=" + (50 << (2 * attempt)), options.Remote);
            mergeBase = repo.ObjectDatabase.FindMergeBase(a, b);
        }

        return mergeBase;
    }

    private bool IsReachable(Repository repo, string workDir, Commit commit, Commit head) =>
        MergeBase(repo, workDir, commit, head)?.Sha == commit.Sha;

    private Commit? FindCommit(Repository repo, string workDir, string sha)
    {
        var commit = Resolve(repo, sha, "code_commit");
        if (commit is null && options.AllowFetch && sha.Length == 40 && sha.All(Uri.IsHexDigit))
        {
            Fetch(workDir, sha, depth: 1);
            commit = Resolve(repo, sha, "code_commit");
        }

        return commit;
    }

    private void Fetch(string workDir, string what, int depth)
    {
        var remoteRef = what.StartsWith(options.Remote + "/", StringComparison.Ordinal) ? what[(options.Remote.Length + 1)..] : what;
        GitCli.Run(workDir, "fetch", "--no-tags", "--depth=" + depth, options.Remote, remoteRef);
    }

    private static Commit? Resolve(Repository repo, string rev, string what)
    {
        try
        {
            return repo.Lookup(rev) switch
            {
                Commit c => c,
                TagAnnotation t => t.Target as Commit,
                _ => null,
            };
        }
        catch (LibGit2SharpException)
        {
            return null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static byte[] ReadAll(Blob blob)
    {
        using var stream = blob.GetContentStream();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
