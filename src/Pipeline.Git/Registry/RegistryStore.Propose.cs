using LibGit2Sharp;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Lineage;
using Pipeline.Core.Registry;

namespace Pipeline.Git.Registry;

using Repository = LibGit2Sharp.Repository;

public sealed partial class RegistryStore
{
    /// <summary>The proposal branch of a version: <c>pipeline/&lt;model&gt;/&lt;version&gt;</c>.</summary>
    public static string ProposalBranch(string model, SemVer version) => $"pipeline/{model}/{version}";

    /// <summary>
    /// Registration by pull request (docs/registry.md "Two ways to register"): writes the version record (and
    /// <paramref name="files"/>, the run it was trained in) as ONE commit on <c>pipeline/&lt;model&gt;/&lt;version&gt;</c>,
    /// based on the tip of the remote's default branch, and pushes that branch. The user's checkout, HEAD and index are
    /// never touched: blobs, tree and commit go straight into the object database and only the proposal branch moves.
    /// No version tag is created: <c>publish</c> tags the version once the pull request is merged.
    /// <para>
    /// The version is decided from the default branch's records, the model's tags and the other open proposals
    /// (their branches on the remote): a lineage already registered on the default branch is returned as it is; a
    /// lineage already proposed keeps its version and its branch is brought up to date (rebased onto the new tip when
    /// the default branch moved, left alone when nothing changed).
    /// </para>
    /// </summary>
    /// <param name="baseBranch">The branch the pull request targets; null: the remote's default branch (its HEAD).</param>
    public ProposalResult Propose(RegisterRequest request, string remote, string? baseBranch,
        IReadOnlyDictionary<string, byte[]>? files = null, GitIdentity? who = null)
    {
        var model = RegistryNames.Model(request.Model);
        if (!GitCli.Run(RepoPath, "remote", "get-url", remote).Ok && !LooksLikeUrl(remote))
        {
            throw new PipelineException(PipeCodes.ProposalNoRemote, $"the repository has no remote '{remote}'");
        }

        var identity = who ?? GitIdentity.Resolve(RepoPath);
        var fingerprint = Fingerprint.Compute(request.Lineage);
        CheckEvals(request, fingerprint);
        var target = baseBranch ?? DefaultBranchOf(remote);
        var tracking = TrackingPrefix(remote);
        var fetch = GitCli.Run(RepoPath, "fetch", "--no-tags", "--quiet", remote,
            $"+refs/heads/{target}:{tracking}{target}",
            $"+refs/heads/pipeline/{model}/*:{tracking}pipeline/{model}/*",
            $"+refs/tags/{model}@*:refs/tags/{model}@*");
        if (!fetch.Ok)
        {
            throw fetch.StdErr.Contains("couldn't find remote ref", StringComparison.OrdinalIgnoreCase)
                ? new PipelineException(
                    PipeCodes.ProposalBaseMissing,
                    $"branch '{target}' not found on remote '{Pipeline.Git.UrlRedaction.Strip(remote)}'")
                : new PipelineException(PipeCodes.PushFailed, $"git fetch {Pipeline.Git.UrlRedaction.Strip(remote)} failed: {fetch.StdErr.Trim()}");
        }

        using var repo = Open();
        var baseTip = repo.Refs[$"{tracking}{target}"]?.ResolveToDirectReference()?.Target as Commit
            ?? throw new PipelineException(
                PipeCodes.ProposalBaseMissing,
                $"branch '{target}' not found on remote '{Pipeline.Git.UrlRedaction.Strip(remote)}'");
        var records = RecordsAt(baseTip, model);
        var state = ModelState.From(model, ReadTags(repo, model));
        if (!request.ForceNew && records.Where(r => r.Fingerprint == fingerprint).MinBy(r => r.Version) is { } registered)
        {
            return new ProposalResult(model, registered.Version, fingerprint, ProposalBranch(model, registered.Version), target, baseTip.Sha,
                state.TagOf(registered.Version)?.TargetCommit,
                registered.Path(RegistryDir),
                registered.Run,
                ProposalOutcome.AlreadyRegistered,
                registered);
        }

        var proposals = OpenProposals(repo, tracking, model);
        var mine = request.ForceNew
            ? null
            : proposals.Where(p => p.Record?.Fingerprint == fingerprint && (request.Version is null || p.Version.CompareTo(request.Version) == 0))
                .MinBy(p => p.Version);
        var known = state.Versions.Select(v => v.Version).Concat(records.Select(r => r.Version)).ToList();
        var version = request.Version ?? mine?.Version
            ?? (known.Concat(proposals.Select(p => p.Version)).Max() ?? new SemVer(0, 0, 0, null, null)).Bump(request.Bump);
        if (known.FirstOrDefault(v => v.CompareTo(version) == 0) is { } taken)
        {
            throw new PipelineException(PipeCodes.VersionExists, taken.Equals(version)
                ? $"{model}@{version} is already registered with another lineage"
                : $"{model}@{version} is already registered as {taken} with another lineage (build metadata does not make another version)");
        }

        if (mine is null && proposals.FirstOrDefault(p => p.Version.CompareTo(version) == 0) is { } other)
        {
            throw new PipelineException(PipeCodes.ProposalTaken,
                $"{model}@{version} is already proposed on branch '{ProposalBranch(model, other.Version)}' ({other.Commit[..12]}) with another " +
                "lineage");
        }

        // A re-proposal keeps the first proposal's time and author, so an unchanged proposal is byte-identical.
        var record = new VersionRecord(model, version, fingerprint, LineageFields.Scheme, request.Lineage, request.LineageSources,
            request.Artifact, request.Evals ?? [], request.Metrics, request.Description,
            mine?.Record?.CreatedAt ?? identity.When, mine?.Record?.CreatedBy ?? identity.ToString())
        {
            Run = request.Run,
        };
        var path = record.Path(RegistryDir);
        var changes = new Dictionary<string, byte[]>(StringComparer.Ordinal) { [path] = VersionRecordJson.Write(record) };
        var modelFile = $"{RegistryDir}/{model}/model.json";
        if (baseTip[modelFile] is null)
        {
            changes[modelFile] = ModelFile(model, request.Description);
        }

        foreach (var (file, bytes) in files ?? new Dictionary<string, byte[]>())
        {
            changes[file] = bytes;
        }

        var branch = ProposalBranch(model, version);
        var tree = TreeDefinition.From(baseTip.Tree);
        foreach (var (file, bytes) in changes)
        {
            using var stream = new MemoryStream(bytes, writable: false);
            tree.Add(file, repo.ObjectDatabase.CreateBlob(stream), Mode.NonExecutableFile);
        }

        var newTree = repo.ObjectDatabase.CreateTree(tree);
        var remoteTip = repo.Refs[$"{tracking}{branch}"]?.ResolveToDirectReference()?.Target as Commit;
        if (remoteTip is not null && remoteTip.Tree.Id == newTree.Id && remoteTip.Parents.Select(p => p.Sha).SequenceEqual([baseTip.Sha]))
        {
            SetLocalBranch(repo, branch, remoteTip.Sha);
            return new ProposalResult(
                model, version, fingerprint, branch, target, baseTip.Sha, remoteTip.Sha, path, request.Run, ProposalOutcome.Unchanged, record);
        }

        var signature = identity.ToSignature();
        var message = $"registry: propose {model} {version}\n\nfingerprint {fingerprint}\n" + (request.Run is null ? "" : $"run {request.Run}\n");
        var commit = repo.ObjectDatabase.CreateCommit(signature, signature, message, newTree, [baseTip], prettifyMessage: false);
        SetLocalBranch(repo, branch, commit.Sha);
        // The lease: the branch must still be where the fetch saw it (absent for a new proposal), so two proposers of
        // the same version never overwrite each other; the loser re-runs and decides again.
        var push = GitCli.Run(
            RepoPath,
            "push",
            "--porcelain",
            $"--force-with-lease=refs/heads/{branch}:{remoteTip?.Sha ?? ""}",
            remote,
            $"{commit.Sha}:refs/heads/{branch}");
        if (!push.Ok)
        {
            throw new PipelineException(
                PipeCodes.PushFailed,
                $"git push of branch '{branch}' to {Pipeline.Git.UrlRedaction.Strip(remote)} was refused: {(push.StdErr + push.StdOut).Trim()}");
        }

        return new ProposalResult(model, version, fingerprint, branch, target, baseTip.Sha, commit.Sha, path, request.Run,
            remoteTip is null ? ProposalOutcome.Proposed : ProposalOutcome.Updated, record);
    }

    /// <summary>The remote's default branch: its HEAD symref (ls-remote), else the remote-tracking HEAD, else PIPE3101.</summary>
    public string DefaultBranchOf(string remote)
    {
        var symref = GitCli.Run(RepoPath, "ls-remote", "--symref", remote, "HEAD");
        foreach (var line in symref.StdOut.Split('\n'))
        {
            if (line.StartsWith("ref: refs/heads/", StringComparison.Ordinal) && line.EndsWith("\tHEAD", StringComparison.Ordinal))
            {
                return line["ref: refs/heads/".Length..^"\tHEAD".Length];
            }
        }

        using var repo = Open();
        if (repo.Refs[$"refs/remotes/{remote}/HEAD"] is SymbolicReference head
            && head.TargetIdentifier.StartsWith($"refs/remotes/{remote}/", StringComparison.Ordinal))
        {
            return head.TargetIdentifier[$"refs/remotes/{remote}/".Length..];
        }

        throw new PipelineException(PipeCodes.ProposalBaseMissing,
            $"cannot tell the default branch of remote '{Pipeline.Git.UrlRedaction.Strip(remote)}'" + (symref.Ok ? "" : $": {symref.StdErr.Trim()}"));
    }

    private sealed record OpenProposal(SemVer Version, string Commit, VersionRecord? Record);

    private List<OpenProposal> OpenProposals(Repository repo, string tracking, string model)
    {
        var prefix = $"{tracking}pipeline/{model}/";
        var found = new List<OpenProposal>();
        foreach (var reference in repo.Refs.Where(r => r.CanonicalName.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var tail = reference.CanonicalName[prefix.Length..];
            if (tail.Contains('/') || !SemVer.TryParse(tail, out var version))
            {
                continue;
            }

            if (reference.ResolveToDirectReference()?.Target is not Commit commit)
            {
                continue;
            }

            VersionRecord? record = null;
            if (commit[VersionRecord.PathOf(RegistryDir, model, version)]?.Target is Blob blob)
            {
                try
                {
                    record = VersionRecordJson.Read(Content(blob), VersionRecord.PathOf(RegistryDir, model, version));
                }
                catch (PipelineException)
                {
                    // A hand-edited proposal still holds its version number; it just is not ours to update.
                }
            }

            found.Add(new OpenProposal(version, commit.Sha, record));
        }

        return found;
    }

    private void SetLocalBranch(Repository repo, string branch, string sha)
    {
        if (repo.Refs.Head is SymbolicReference head && head.TargetIdentifier == $"refs/heads/{branch}")
        {
            // The proposal branch is Pipeline's; moving it under a checkout would leave that checkout's index behind.
            throw new PipelineException(
                PipeCodes.BranchCheckedOutElsewhere,
                $"the proposal branch '{branch}' is checked out here; switch to another branch first",
                RepoPath);
        }

        var update = GitCli.Run(RepoPath, "update-ref", "-m", "pipeline: propose", $"refs/heads/{branch}", sha);
        if (!update.Ok)
        {
            throw new PipelineException(PipeCodes.GitWriteFailed, $"cannot set branch '{branch}': {update.StdErr.Trim()}");
        }
    }

    // A URL given as the remote has no remote-tracking refs of its own: its refs are kept under a private prefix.
    private static string TrackingPrefix(string remote) =>
        LooksLikeUrl(remote) ? "refs/pipeline/proposal-remote/" : $"refs/remotes/{remote}/";

    private static bool LooksLikeUrl(string remote) =>
        remote.Contains("://", StringComparison.Ordinal) || remote.Contains(':') || remote.StartsWith('/');

    internal static void CheckEvals(RegisterRequest request, string fingerprint)
    {
        foreach (var e in request.Evals ?? [])
        {
            if (!e.Evaluates(fingerprint) && !(request.Artifact?.Sha256 is { } sha && e.Evaluates(sha)))
            {
                throw new PipelineException(PipeCodes.EvalNotAboutModel,
                    $"eval result evaluates '{e.Evaluated}', not this lineage ({fingerprint}) or its artifact", e.Source);
            }
        }
    }
}

/// <summary>What <c>register --propose</c> did.</summary>
public enum ProposalOutcome
{
    /// <summary>A new proposal branch was pushed.</summary>
    Proposed,

    /// <summary>The lineage's proposal branch existed and was rebuilt (the default branch moved or the record changed).</summary>
    Updated,

    /// <summary>The lineage's proposal branch already held exactly this commit content on the current tip.</summary>
    Unchanged,

    /// <summary>The lineage is already registered on the default branch: nothing proposed.</summary>
    AlreadyRegistered,
}

/// <summary>The outcome of a proposal: the version decided, its branch and commit, and the record it carries.</summary>
public sealed record ProposalResult(
    string Model,
    SemVer Version,
    string Fingerprint,
    string Branch,
    string BaseBranch,
    string BaseCommit,
    string? Commit,
    string RecordPath,
    string? Run,
    ProposalOutcome Outcome,
    VersionRecord Record);
