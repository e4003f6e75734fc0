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
/// Commits are passed around as SHAs because a shallow clone may be deepened (and the repository reopened) midway.
/// </summary>
public sealed partial class Verifier(string repoPath, VerifyOptions options)
{
    private LibGit2Sharp.Repository _repo = null!;
    private string _workDir = "";
    private string? _mergeBase;
    private IReadOnlyList<string> _registryDirs = [];

    public VerifyReport Run()
    {
        _repo = RepositoryAccess.Open(repoPath);
        _workDir = _repo.Info.WorkingDirectory ?? _repo.Info.Path;
        try
        {
            return RunOpen();
        }
        finally
        {
            _repo.Dispose();
        }
    }

    private VerifyReport RunOpen()
    {
        var head = Resolve(options.Head)
            ?? throw new PipelineException(PipeCodes.VerifyRefMissing, $"head revision '{options.Head}' not found", null, null,
                "Pass --head REF naming a commit of this repository.");
        var changeFindings = new List<Diagnostic>();
        IReadOnlyList<RecordChange> records;
        string baseLabel;
        string? baseCommit = null;
        if (options.Versions.Count > 0)
        {
            var (dirs, _) = VerifyLayout.Resolve(_repo, [head], options);
            records = RegistryDiff.Selected(_repo.Lookup<Commit>(head), dirs[0], options.Versions);
            baseLabel = "(selected)";
        }
        else if (options.All)
        {
            var (dirs, _) = VerifyLayout.Resolve(_repo, [head], options);
            records = dirs.SelectMany(dir => RegistryDiff.All(_repo.Lookup<Commit>(head), dir)).DistinctBy(r => r.Path).ToList();
            baseLabel = "(all)";
        }
        else
        {
            var (baseTip, baseSha) = ResolveBase(head);
            baseLabel = baseSha;
            baseCommit = baseSha;
            // The folders pipeline.yaml names at the base and at head: a change that moves the registry must not
            // escape verification by adding its records to the new folder.
            var (dirs, gateFile) = VerifyLayout.Resolve(_repo, [baseSha, head], options);
            _mergeBase = baseSha;
            _registryDirs = dirs;
            var found = new List<RecordChange>();
            var logs = new List<DecisionLogChange>();
            var gateEdited = false;
            foreach (var dir in dirs)
            {
                var diff = RegistryDiff.Compare(_repo, _repo.Lookup<Commit>(baseSha), _repo.Lookup<Commit>(head), dir, gateFile);
                found.AddRange(diff.Records);
                logs.AddRange(diff.Logs);
                gateEdited |= diff.GateEdited;
            }

            records = found.DistinctBy(r => r.Path).ToList();
            changeFindings.AddRange(ProposalFindings(head, baseTip, records));
            changeFindings.AddRange(
                DecisionLogCheck.Run(_repo.Lookup<Commit>(baseSha), _repo.Lookup<Commit>(head), logs.DistinctBy(l => l.Path).ToList()));
            if (gateEdited)
            {
                changeFindings.Add(new Diagnostic(Severity.Warning, PipeCodes.VerifyGateEdited,
                    $"this change edits {gateFile}; promotion still reads the gate from the protected ref",
                    gateFile, null, PipeCodes.VerifyGateEdited.Fix));
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
                        change.Path, baseCommit is null ? 1 : FirstChangedLine(baseCommit, head, change.Path), PipeCodes.RegistryRecordModified.Fix));
                    break;
                case RecordChangeKind.Deleted:
                    changeFindings.Add(new Diagnostic(Severity.Error, PipeCodes.RegistryRecordDeleted,
                        $"{change.Model}@{change.Version} was registered; this change deletes its record",
                        change.Path, null, PipeCodes.RegistryRecordDeleted.Fix));
                    break;
                default:
                    checks.Add(Check(head, change));
                    break;
            }
        }

        return new VerifyReport(baseLabel, head, checks, changeFindings);
    }

    private VersionCheck Check(string head, RecordChange change)
    {
        ObjectValue record;
        try
        {
            var blob = _repo.Lookup<Commit>(head)[change.Path]?.Target as Blob;
            var value = JsonReader.Parse(blob is null ? [] : ReadAll(blob), change.Path);
            record = value as ObjectValue
                ?? throw new PipelineException(PipeCodes.VerifyRecordUnreadable, "a version record must be a JSON object", change.Path, value.Line);
        }
        catch (PipelineException ex)
        {
            var d = ex.ToDiagnostic();
            return new VersionCheck(change.Model, change.Version, change.Path, null,
                [new Diagnostic(
                    Severity.Error, PipeCodes.VerifyRecordUnreadable, d.Message, change.Path, d.Line, PipeCodes.VerifyRecordUnreadable.Fix)]);
        }

        var findings = RecordChecks.Run(record, change.Path);
        // The registry finds a record by its path; a record naming another model or version (a copy of an honest
        // record under a new path) would recompute fine while claiming to be something else.
        foreach (var (field, expected) in new[] { ("model", change.Model), ("version", change.Version) })
        {
            if (record[field] is not StringValue { } named || named.Value != expected)
            {
                findings.Add(RecordChecks.Error(PipeCodes.VerifyRecordUnreadable,
                    $"the record's {field} is {(record[field] is { } v ? Clip(CanonicalJson.Write(v)) : "missing")}, but its path {change.Path} " +
                    $"says '{expected}'",
                    change.Path, record.LineOf(field) is > 0 and var l ? l : record.Line));
            }
        }

        var fingerprint = (record["fingerprint"] as StringValue)?.Value;
        if (record["lineage"] is ObjectValue lineage && lineage[LineageFields.CodeCommit] is { } codeCommit)
        {
            var line = lineage.LineOf(LineageFields.CodeCommit);
            // Only a full object id names the training commit for good: a branch or tag moves, a short sha becomes
            // ambiguous, and anything that is not a string would skip every recomputation below.
            if (codeCommit is not StringValue sha || !IsCommitId(sha.Value))
            {
                var shown = CanonicalJson.Write(codeCommit);
                findings.Add(RecordChecks.Error(PipeCodes.VerifyRecordUnreadable,
                    $"code_commit {(shown.Length <= 80 ? shown : shown[..77] + "...")} is not a full commit sha (40 lowercase hex digits); a " +
                    "branch, tag or abbreviated sha can move or become ambiguous",
                    change.Path, line));
                findings.AddRange(CheckLocalArtifact(record, change.Path));
                return new VersionCheck(change.Model, change.Version, change.Path, fingerprint, findings);
            }

            var commit = FindCommit(sha.Value);
            if (commit is null)
            {
                findings.Add(RecordChecks.Error(PipeCodes.VerifyCommitMissing,
                    $"code_commit {sha.Value} does not exist in this repository"
                    + (_repo.Info.IsShallow ? " (shallow clone and fetching it failed: set fetch-depth: 0 on actions/checkout)" : ""),
                    change.Path, line));
            }
            else
            {
                if (!IsAncestor(commit, head))
                {
                    findings.Add(RecordChecks.Error(PipeCodes.VerifyCommitUnreachable,
                        $"code_commit {commit} is not an ancestor of {head[..10]}"
                        + (_repo.Info.IsShallow ? " (shallow clone: set fetch-depth: 0 on actions/checkout)" : ""),
                        change.Path, line));
                }

                findings.AddRange(SourceRecheck.Run(repoPath, commit, record, change.Path));
            }
        }

        findings.AddRange(CheckLocalArtifact(record, change.Path));
        return new VersionCheck(change.Model, change.Version, change.Path, fingerprint, findings);
    }

    private IEnumerable<Diagnostic> CheckLocalArtifact(ObjectValue record, string path)
    {
        if (record["artifact"] is not ObjectValue artifact
            || artifact["uri"] is not StringValue uri
            || artifact["sha256"] is not StringValue recorded
            || ArtifactDigest.IsRemote(uri.Value))
        {
            yield break;
        }

        var full = Path.GetFullPath(uri.Value, _workDir);
        if (!File.Exists(full) && !Directory.Exists(full))
        {
            yield break; // not on this machine (a CI runner rarely has the checkpoint): only the digest's presence is checked
        }

        var actual = ArtifactDigest.Describe(uri.Value, _workDir).Sha256;
        if (!string.Equals(actual, recorded.Value, StringComparison.Ordinal))
        {
            yield return RecordChecks.Error(PipeCodes.VerifyArtifactMismatch,
                $"artifact {uri.Value} has sha256 {actual}, the record says {recorded.Value}", path, artifact.LineOf("sha256"));
        }
    }

    /// <summary>The base branch's tip (what a proposal must still be new against) and the change's merge base with it.</summary>
    private (string Tip, string MergeBase) ResolveBase(string head)
    {
        var candidates = new List<string>();
        if (options.Base is not null)
        {
            candidates.Add(options.Base);
        }
        else
        {
            if (options.PullRequestBaseSha is not null)
            {
                candidates.Add(options.PullRequestBaseSha);
            }

            var baseRef = Environment.GetEnvironmentVariable("GITHUB_BASE_REF");
            if (!string.IsNullOrEmpty(baseRef))
            {
                candidates.Add(baseRef);
            }

            candidates.AddRange([$"{options.Remote}/HEAD", "main", "master"]);
        }

        foreach (var candidate in candidates)
        {
            var commit = Resolve(candidate) ?? Resolve($"{options.Remote}/{candidate}");
            if (commit is null && options.AllowFetch && candidate != $"{options.Remote}/HEAD")
            {
                commit = FetchBase(candidate);
            }

            if (commit is null)
            {
                continue;
            }

            if (MergeBase(commit, head) is { } mergeBase)
            {
                return (commit, mergeBase);
            }
        }

        throw new PipelineException(PipeCodes.VerifyRefMissing,
            options.Base is null
                ? "cannot find the base of this change (tried " + string.Join(", ", candidates) + ")"
                : $"cannot find base '{options.Base}' or its common ancestor with head"
                  + (_repo.Info.IsShallow ? " in this shallow clone" : ""),
            null, null,
            "Pass --base REF, or in GitHub Actions set fetch-depth: 0 on actions/checkout (or fetch the base branch) so the base and its history " +
            "are present.");
    }

    private string? MergeBase(string a, string b)
    {
        var mergeBase = _repo.ObjectDatabase.FindMergeBase(_repo.Lookup<Commit>(a), _repo.Lookup<Commit>(b));
        for (var attempt = 0; mergeBase is null && _repo.Info.IsShallow && options.AllowFetch && attempt < 4; attempt++)
        {
            // Shallow clone: deepen a little at a time (50, 200, 800, 3200) rather than assuming fetch-depth: 0.
            GitCli.Run(_workDir, "fetch", "--no-tags", "--deepen=" + (50 << (2 * attempt)), options.Remote);
            Reopen();
            mergeBase = _repo.ObjectDatabase.FindMergeBase(_repo.Lookup<Commit>(a), _repo.Lookup<Commit>(b));
        }

        return mergeBase?.Sha;
    }

    private bool IsAncestor(string commit, string head) => IsLineageOfBase(commit) || MergeBase(commit, head) == commit;

    /// <summary>
    /// The usual case in O(1): the record names the lineage commit of the merge base (an ancestor of head by
    /// construction). The merge base is the protected branch's history, whose registry commits name their lineage
    /// commit in a checked trailer; the PR's own commits above it are not trusted for this. Otherwise: the full walk.
    /// </summary>
    private bool IsLineageOfBase(string commit)
    {
        if (_mergeBase is null || _repo.Lookup<Commit>(_mergeBase) is not { } mergeBase)
        {
            return false;
        }

        return _registryDirs.Any(dir => Reading.LineageWalk.Resolve(_repo, mergeBase, dir, _mergeBase).Sha == commit);
    }

    private string? FindCommit(string sha)
    {
        var commit = Resolve(sha);
        if (commit is null && options.AllowFetch && IsFullSha(sha))
        {
            GitCli.Run(_workDir, "fetch", "--no-tags", "--depth=1", options.Remote, sha);
            Reopen();
            commit = Resolve(sha);
        }

        return commit;
    }

    /// <summary>Fetches just the base (a sha, or a branch into its remote-tracking ref), one commit deep.</summary>
    private string? FetchBase(string candidate)
    {
        if (IsFullSha(candidate))
        {
            GitCli.Run(_workDir, "fetch", "--no-tags", "--depth=1", options.Remote, candidate);
            Reopen();
            return Resolve(candidate);
        }

        var branch = candidate.StartsWith(options.Remote + "/", StringComparison.Ordinal) ? candidate[(options.Remote.Length + 1)..] : candidate;
        var tracking = $"refs/remotes/{options.Remote}/{branch}";
        GitCli.Run(_workDir, "fetch", "--no-tags", "--depth=1", options.Remote, $"+refs/heads/{branch}:{tracking}");
        Reopen();
        return Resolve(tracking);
    }

    /// <summary>libgit2 reads .git/shallow and the pack list when a repository opens; a CLI fetch changes both.</summary>
    private void Reopen()
    {
        _repo.Dispose();
        _repo = RepositoryAccess.Open(repoPath);
    }

    private string? Resolve(string rev)
    {
        try
        {
            return _repo.Lookup(rev) switch
            {
                Commit c => c.Sha,
                TagAnnotation t => (t.Target as Commit)?.Sha,
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

    /// <summary>The first line where the record differs between the two commits (1 when only its mode changed).</summary>
    private int FirstChangedLine(string before, string after, string path)
    {
        var a = _repo.Lookup<Commit>(before)[path]?.Target is Blob ba ? ReadAll(ba) : [];
        var b = _repo.Lookup<Commit>(after)[path]?.Target is Blob bb ? ReadAll(bb) : [];
        if (a.AsSpan().SequenceEqual(b))
        {
            return 1;
        }

        var line = 1;
        for (var i = 0; i < a.Length && i < b.Length && a[i] == b[i]; i++)
        {
            if (a[i] == (byte)'\n')
            {
                line++;
            }
        }

        return line;
    }

    private static string Clip(string s) => s.Length <= 80 ? s : s[..77] + "...";

    private static bool IsFullSha(string s) => s.Length == 40 && s.All(Uri.IsHexDigit);

    // What `git rev-parse` prints: SHA-1 (40) or SHA-256 (64) object ids, lower case.
    private static bool IsCommitId(string s) => s.Length is 40 or 64 && s.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');

    private static byte[] ReadAll(Blob blob)
    {
        using var stream = blob.GetContentStream();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
