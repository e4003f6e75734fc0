using Pipeline.Core.Diagnostics;
using Pipeline.Core.Tracking;
using Pipeline.Git.Ledger;

namespace Pipeline.Cli.Commands.Runs;

/// <summary>
/// One edit of a run record in the ledger: refused while a trainer still writes the run (its next write would undo the
/// edit), written atomically, and with <c>--commit</c> committed as one commit; when the commit cannot be made the
/// record is put back, so a failed command leaves the ledger as it found it.
/// </summary>
internal static class RunEdit
{
    public static (RunRecord Run, string? Commit) Apply(
        string root, RunLedger ledger, string idOrPrefix, Func<RunRecord, RunRecord> edit, bool commit, string verb)
    {
        var id = ledger.Resolve(idOrPrefix);
        var before = ledger.Read(id);
        if (RunLedger.EffectiveStatus(before) == RunStatus.Running)
        {
            throw new PipelineException(
                PipeCodes.RunStillRunning,
                $"run '{id}' is still being written by a live process; {verb} it once it has finished");
        }

        if (commit)
        {
            // Fail before touching the record when the commit could not be made anyway (detached HEAD, no repository).
            LedgerCommits.Open(root);
        }

        var after = edit(before);
        var path = ledger.RecordPath(id);
        var previous = File.ReadAllBytes(path);
        RunLedger.WriteAtomic(path, RunRecordWriter.ToUtf8(after));
        if (!commit)
        {
            return (after, null);
        }

        try
        {
            var sha = LedgerCommits.Commit(root, new Dictionary<string, string?> { [RunsRepo.Relative(root, path)] = path },
                $"runs: {verb} {id} ({after.Name})\n");
            return (after, sha);
        }
        catch (PipelineException)
        {
            RunLedger.WriteAtomic(path, previous);
            throw;
        }
    }
}
