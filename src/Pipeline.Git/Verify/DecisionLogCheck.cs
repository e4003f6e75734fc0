using LibGit2Sharp;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Registry;

namespace Pipeline.Git.Verify;

/// <summary>
/// The append-only rule for decision logs: a change may add lines at the end of a model's <c>decisions.jsonl</c>
/// (a refusal recorded by <c>pipeline promote</c>), but every line the base had must still be there, unchanged and in
/// place; and every line the change adds must be a gate decision.
/// </summary>
public static class DecisionLogCheck
{
    public static IReadOnlyList<Diagnostic> Run(Commit baseCommit, Commit headCommit, IReadOnlyList<DecisionLogChange> logs)
    {
        var findings = new List<Diagnostic>();
        foreach (var log in logs)
        {
            if (log.Kind == RecordChangeKind.Deleted)
            {
                findings.Add(Error(PipeCodes.DecisionLogDeleted, $"this change deletes the decision log of '{log.Model}'", log.Path, null));
                continue;
            }

            var after = Bytes(headCommit, log.Path);
            var before = log.Kind == RecordChangeKind.Modified ? Bytes(baseCommit, log.Path) : [];
            var kept = DecisionLog.Lines(before).Count;
            if (DecisionLog.FirstRewrittenLine(before, after) is int line)
            {
                findings.Add(Error(PipeCodes.DecisionLogRewritten,
                    line > DecisionLog.Lines(after).Count
                        ? $"this change removes earlier lines of the decision log of '{log.Model}' (from line {line} of {kept})"
                        : $"this change rewrites line {line} of the decision log of '{log.Model}'; only appending is allowed",
                    log.Path, line));
                continue;
            }

            foreach (var bad in DecisionLog.Read(after, log.Path, log.Model).Problems.Where(p => p.Line > kept))
            {
                findings.Add(Error(PipeCodes.DecisionLogLineInvalid, bad.Message, log.Path, bad.Line));
            }
        }

        return findings;
    }

    private static Diagnostic Error(PipeCode code, string message, string path, int? line) =>
        new(Severity.Error, code, message, path, line, code.Fix);

    private static byte[] Bytes(Commit commit, string path)
    {
        if (commit[path]?.Target is not Blob blob)
        {
            return [];
        }

        using var stream = blob.GetContentStream();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
