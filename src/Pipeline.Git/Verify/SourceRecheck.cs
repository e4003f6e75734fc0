using Pipeline.Core.Canonical;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Lineage;
using Pipeline.Core.Verify;
using Pipeline.Git.Reading;

namespace Pipeline.Git.Verify;

/// <summary>
/// Rebuilds a record's lineage from the sources it names (lock, stages, .dvc files, config path and key) with the
/// same <see cref="LineageBuilder"/> that registered it, reading the repository AT code_commit, and compares field
/// by field. base_model and seed are inputs, not derivable from the repository: the fingerprint check covers them.
/// </summary>
internal static class SourceRecheck
{
    public static IEnumerable<Diagnostic> Run(string repoPath, string commitSha, ObjectValue record, string path)
    {
        var lineage = (ObjectValue)record["lineage"]!;
        if (record["lineage_sources"] is not ObjectValue sources)
        {
            return [
                RecordChecks.Error(PipeCodes.VerifyMissingField, "record has no lineage_sources, so nothing can be recomputed", path, record.Line)];
        }

        var findings = new List<Diagnostic>();
        if (lineage[LineageFields.Seed] is not IntegerValue)
        {
            findings.Add(
                RecordChecks.Error(PipeCodes.VerifySourceMismatch, "lineage.seed is not an integer", path, lineage.LineOf(LineageFields.Seed)));
            return findings;
        }

        LineageSourceOptions options;
        LineageResult rebuilt;
        try
        {
            options = LineageReplay.Options(lineage, sources, path);
            using var repo = GitRepository.Discover(repoPath);
            rebuilt = LineageBuilder.Build(repo.Snapshot(commitSha), options);
        }
        catch (PipelineException ex)
        {
            findings.Add(RecordChecks.Error(PipeCodes.VerifySourceMismatch,
                $"the lineage sources cannot be read at {commitSha[..10]}: {ex.Message}", path, record.LineOf("lineage_sources")));
            return findings;
        }

        if (options.DataVersionLabel is not null)
        {
            // A label recorded as the source cannot be recomputed, whatever it looks like ("dvc:…" included);
            // a label that does not look computed is already reported by RecordChecks.
            if (lineage[LineageFields.DataVersion] is StringValue dv && dv.Value.StartsWith("dvc:", StringComparison.Ordinal))
            {
                var data = (ObjectValue)sources["data"]!;
                findings.Add(RecordChecks.Error(PipeCodes.VerifyDataUnverifiable,
                    "lineage_sources.data says the data version is a label; a label cannot be recomputed from dvc.lock",
                    path,
                    data.LineOf("source")));
            }
        }
        else
        {
            Compare(findings, PipeCodes.VerifyDataVersionMismatch, "data_version", lineage, rebuilt.Lineage, path,
                $"recomputed from {options.DvcLock} at {commitSha[..10]}");
            Compare(
                findings,
                PipeCodes.VerifySourceMismatch,
                "lock_blob",
                sources["data"] as ObjectValue,
                rebuilt.Sources["data"] as ObjectValue,
                path,
                "the recorded dvc.lock blob is not the file at code_commit");
        }

        Compare(findings, PipeCodes.VerifyConfigMismatch, "config", lineage, rebuilt.Lineage, path,
            options.ConfigFromDvcParams
                ? $"recomputed from the params in {options.DvcLock}"
                : $"read from {options.ConfigPath}{(options.ConfigKey is null ? "" : "#" + options.ConfigKey)} at {commitSha[..10]}");
        Compare(findings, PipeCodes.VerifyConfigMismatch, "blob", sources["config"] as ObjectValue, rebuilt.Sources["config"] as ObjectValue, path,
            "the recorded config blob is not the file at code_commit");
        return findings;
    }

    private static void Compare(
        List<Diagnostic> findings, PipeCode code, string key, ObjectValue? recorded, ObjectValue? rebuilt, string path, string how)
    {
        if (recorded is null || rebuilt is null)
        {
            return;
        }

        var want = rebuilt[key];
        var have = recorded[key];
        if (want is null || want is NullValue)
        {
            return;
        }

        var wantText = CanonicalJson.Write(want);
        var haveText = have is null ? "(missing)" : CanonicalJson.Write(have);
        if (wantText == haveText)
        {
            return;
        }

        findings.Add(RecordChecks.Error(code, $"{key} is {Clip(haveText)} in the record but {Clip(wantText)} {how}", path, recorded.LineOf(key)));
    }

    private static string Clip(string s) => s.Length <= 120 ? s : s[..117] + "...";
}
