using LibGit2Sharp;
using Pipeline.Core.Canonical;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Registry;

namespace Pipeline.Git.Registry;

using Repository = LibGit2Sharp.Repository;

/// <summary>A refusal written to the decision log: where (path, line), in which commit, and what.</summary>
public sealed record HoldRecord(string Path, int Line, string Commit, string? Parent, GateHold Hold);

public sealed partial class RegistryStore
{
    /// <summary>
    /// Appends a gate hold to <c>&lt;dir&gt;/&lt;model&gt;/decisions.jsonl</c> on the registry branch in ONE commit, moved with a
    /// compare-and-swap against the commit whose log was read: a concurrent writer makes the swap fail, and the log is
    /// read again and the line appended again, so no one's line is lost. No tag and no alias is touched.
    /// </summary>
    /// <param name="seenCounter">The greatest alias-event counter of the model the decision saw (AliasState.NextCounter - 1).</param>
    public HoldRecord RecordHold(
        string model, string alias, SemVer version, SemVer? champion, long seenCounter, string reason, Value decision, GitIdentity? who = null) =>
        GitFailure.Translate(() => RecordHoldCore(model, alias, version, champion, seenCounter, reason, decision, who));

    private HoldRecord RecordHoldCore(
        string model, string alias, SemVer version, SemVer? champion, long seenCounter, string reason, Value decision, GitIdentity? who)
    {
        RegistryNames.Model(model);
        RegistryNames.Alias(alias);
        var branch = RequireBranch();
        var identity = who ?? GitIdentity.Resolve(RepoPath);
        var path = DecisionLog.PathOf(RegistryDir, model);
        var hold = new GateHold(model, alias, version, champion, seenCounter, identity.When, identity.ToString(), reason, decision);
        for (var attempt = 1; ; attempt++)
        {
            string? head;
            byte[]? existing;
            using (var repo = Open())
            {
                var commit = BranchCommit(repo);
                head = commit?.Sha;
                existing = commit?[path]?.Target is Blob blob ? Content(blob) : null;
            }

            var content = DecisionLog.Append(existing, hold);
            var message = $"registry: gate held {model} {version} for {alias}\n\n{reason.ReplaceLineEndings(" ")}";
            CommitResult written;
            try
            {
                written = TreeCommitter.Commit(
                    RepoPath,
                    branch,
                    new Dictionary<string, byte[]?> { [path] = content },
                    message,
                    identity,
                    onto: null,
                    expectedOld: head,
                    lineageFolder: RegistryDir);
            }
            catch (PipelineException ex) when (ex.Code == PipeCodes.BranchMoved && attempt < LocalAttempts)
            {
                continue;
            }

            var line = DecisionLog.Lines(content).Count;
            return new HoldRecord(path, line, written.Commit, written.Parent, hold with { Line = line });
        }
    }

    /// <summary>The model's decision log as on the registry branch (empty when it has none).</summary>
    public DecisionLogContent Decisions(string model)
    {
        RegistryNames.Model(model);
        using var repo = Open();
        return Decisions(repo, model);
    }

    internal DecisionLogContent Decisions(Repository repo, string model)
    {
        var path = DecisionLog.PathOf(RegistryDir, model);
        return BranchCommit(repo)?[path]?.Target is Blob blob ? DecisionLog.Read(Content(blob), path, model) : DecisionLogContent.Empty;
    }
}
