using LibGit2Sharp;
using Pipeline.Core.Diagnostics;

namespace Pipeline.Git.Verify;

public sealed partial class Verifier
{
    /// <summary>
    /// A proposal (a pull request adding version records) is only mergeable while its versions are still free: the
    /// base branch must not have gained a record at the same path since the proposal was made (PIPE3120), and no
    /// version tag may exist on a commit that does not hold this very record (PIPE3121: a published or abandoned
    /// registration of the same number). The tag is looked up locally and, when fetching is allowed, on the remote.
    /// </summary>
    private IEnumerable<Diagnostic> ProposalFindings(string head, string baseTip, IReadOnlyList<RecordChange> records)
    {
        var findings = new List<Diagnostic>();
        foreach (var change in records.Where(r => r.Kind == RecordChangeKind.Added))
        {
            var proposed = _repo.Lookup<Commit>(head)?[change.Path]?.Target?.Id;
            if (_repo.Lookup<Commit>(baseTip)?[change.Path] is { } onBase && onBase.Target.Id != proposed)
            {
                findings.Add(new Diagnostic(Severity.Error, PipeCodes.ProposalVersionOnBase,
                    $"{change.Model}@{change.Version} already exists on the base branch ({baseTip[..12]}) with another record",
                    change.Path, 1, PipeCodes.ProposalVersionOnBase.Fix));
                continue;
            }

            var tag = $"refs/tags/{change.Model}@{change.Version}";
            if (_repo.Refs[tag] is null && options.AllowFetch)
            {
                // actions/checkout fetches no tags by default; one exact refspec asks the remote for just this one.
                GitCli.Run(_workDir, "fetch", "--no-tags", "--quiet", options.Remote, $"{tag}:{tag}");
                Reopen();
            }

            if (_repo.Refs[tag] is not { } found)
            {
                continue;
            }

            var target = _repo.Lookup(found.TargetIdentifier) switch
            {
                TagAnnotation t => PeelTag(t),
                Commit c => c,
                _ => null,
            };
            if (target?[change.Path]?.Target?.Id != proposed)
            {
                findings.Add(new Diagnostic(Severity.Error, PipeCodes.ProposalTagElsewhere,
                    $"tag '{change.Model}@{change.Version}' already exists on {target?.Sha ?? found.TargetIdentifier}, which does not hold this " +
                    "record",
                    change.Path, 1, PipeCodes.ProposalTagElsewhere.Fix));
            }
        }

        return findings;
    }

    private static Commit? PeelTag(TagAnnotation tag)
    {
        GitObject target = tag.Target;
        for (var i = 0; i < 10 && target is TagAnnotation inner; i++)
        {
            target = inner.Target;
        }

        return target as Commit;
    }
}
