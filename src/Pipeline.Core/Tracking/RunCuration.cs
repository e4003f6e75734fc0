using Pipeline.Core.Canonical;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Evals;
using Pipeline.Core.Lineage;

namespace Pipeline.Core.Tracking;

/// <summary>
/// Edits a finished run may receive after it ran — bind (lineage, artifacts, evals), tag, note — as pure functions
/// from record to record, so ingest and <c>runs attach/tag/note</c> apply exactly the same rules.
/// </summary>
public static class RunCuration
{
    /// <summary>The tag key <c>runs note</c> writes: a tag, so <c>runs list --filter "tags.note LIKE '%…%'"</c> finds it.</summary>
    public const string NoteTag = "note";

    public static RunRecord Bind(RunRecord run, RunBinding binding)
    {
        var result = run;
        if (binding.Lineage is { } lineage)
        {
            var source = binding.LineageSource ?? "the lineage";
            RequireSameCodeCommit(run, lineage, source);
            var fingerprint = LineageFields.Required.All(k => lineage[k] is not null) ? Fingerprint.Compute(lineage, source) : null;
            result = result with { Lineage = lineage, Fingerprint = fingerprint };
        }

        if (binding.Artifacts.Count > 0)
        {
            // The same location given again replaces its entry (a re-upload with a new digest), it is not listed twice.
            var kept = result.Artifacts.Where(a => binding.Artifacts.All(b => b.Uri != a.Uri));
            result = result with { Artifacts = kept.Concat(binding.Artifacts).ToArray() };
        }

        if (binding.Evals.Count > 0)
        {
            var evals = result.Evals.ToList();
            foreach (var e in binding.Evals)
            {
                if (!evals.Any(x => SameEval(x, e)))
                {
                    evals.Add(e);
                }
            }

            result = result with { Evals = evals };
        }

        return result;
    }

    /// <summary>Sets tags (key → value); a null value removes the key. Keys follow the ledger's key rules (PIPE3501).</summary>
    public static RunRecord Tag(RunRecord run, IReadOnlyDictionary<string, string?> changes)
    {
        MetricKeys.Require(changes.Keys, "tag");
        var tags = new SortedDictionary<string, string>(run.Tags.ToDictionary(t => t.Key, t => t.Value), StringComparer.Ordinal);
        foreach (var (key, value) in changes)
        {
            if (value is null)
            {
                tags.Remove(key);
            }
            else
            {
                tags[key] = value;
            }
        }

        return run with { Tags = tags };
    }

    public static RunRecord Note(RunRecord run, string text) =>
        Tag(run, new Dictionary<string, string?> { [NoteTag] = text.Length == 0 ? null : text });

    /// <summary>
    /// A lineage given after the fact must not contradict what the source itself recorded: an MLflow run tagged with
    /// commit A bound to --rev B would certify B's code for A's curves.
    /// </summary>
    private static void RequireSameCodeCommit(RunRecord run, ObjectValue lineage, string source)
    {
        if (run.Lineage?[LineageFields.CodeCommit] is StringValue known
            && lineage[LineageFields.CodeCommit] is StringValue given
            && !SameCommit(known.Value, given.Value))
        {
            throw new PipelineException(PipeCodes.RunLineageConflict,
                $"run '{run.Id}' records code_commit {known.Value}, {source} says {given.Value}");
        }
    }

    /// <summary>Sources often log an abbreviated sha (git's 7+ characters): a prefix of the full sha is the same commit.</summary>
    private static bool SameCommit(string a, string b)
    {
        var (shorter, longer) = a.Length <= b.Length ? (a, b) : (b, a);
        return shorter.Length >= 7 && longer.StartsWith(shorter, StringComparison.OrdinalIgnoreCase);
    }

    private static bool SameEval(EvalResult a, EvalResult b) =>
        a.Suite == b.Suite && a.Evaluated == b.Evaluated
        && a.Scores.Count == b.Scores.Count && a.Scores.All(s => b.Scores.TryGetValue(s.Key, out var v) && v.Equals(s.Value));
}
