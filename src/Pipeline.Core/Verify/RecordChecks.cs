using Pipeline.Core.Canonical;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Lineage;

namespace Pipeline.Core.Verify;

/// <summary>
/// The checks a version record must pass on its own, before anything is recomputed from the repository:
/// every REQUIRED field present, the fingerprint equal to the recorded lineage's, clean lineage, a computed (not
/// labelled) data version and an artifact digest. Each finding points at the line of the offending field.
/// </summary>
public static class RecordChecks
{
    public static List<Diagnostic> Run(ObjectValue record, string path)
    {
        var findings = new List<Diagnostic>();
        if (record["lineage"] is not ObjectValue lineage)
        {
            findings.Add(
                Error(
                    PipeCodes.VerifyMissingField,
                    "record has no 'lineage' object",
                    path,
                    record.LineOf("lineage") is > 0 and var l ? l : record.Line));
            return findings;
        }

        var missing = LineageFields.Required.Where(k => lineage[k] is null).ToArray();
        foreach (var field in missing)
        {
            findings.Add(Error(PipeCodes.VerifyMissingField, $"lineage.{field} is missing", path, record.LineOf("lineage")));
        }

        var recorded = record["fingerprint"] as StringValue;
        if (recorded is null)
        {
            findings.Add(Error(PipeCodes.VerifyMissingField, "record has no 'fingerprint'", path, record.Line));
        }
        else if (missing.Length == 0)
        {
            var computed = Fingerprint.Compute(lineage, path);
            if (!string.Equals(computed, recorded.Value, StringComparison.Ordinal))
            {
                findings.Add(Error(PipeCodes.VerifyFingerprintMismatch,
                    $"fingerprint {recorded.Value} is not the fingerprint of the recorded lineage ({computed})",
                    path, record.LineOf("fingerprint")));
            }
        }

        if (lineage["dirty"] is BoolValue { Value: true })
        {
            findings.Add(Error(PipeCodes.VerifyDirty, "lineage was recorded from a dirty working tree (dirty: true)", path, lineage.LineOf("dirty")));
        }
        else if (record["lineage_sources"] is ObjectValue sources && sources["dirty"] is BoolValue { Value: true })
        {
            findings.Add(
                Error(PipeCodes.VerifyDirty, "lineage sources were read from a dirty working tree (dirty: true)", path, sources.LineOf("dirty")));
        }

        if (lineage[LineageFields.DataVersion] is StringValue dv && !dv.Value.StartsWith("dvc:", StringComparison.Ordinal))
        {
            findings.Add(Error(PipeCodes.VerifyDataUnverifiable,
                $"data_version '{dv.Value}' is a label; it cannot be recomputed from dvc.lock",
                path, lineage.LineOf(LineageFields.DataVersion)));
        }
        else if (lineage[LineageFields.DataVersion] is { } other and not StringValue)
        {
            findings.Add(Error(PipeCodes.VerifyDataUnverifiable, "data_version is not a string", path, lineage.LineOf(LineageFields.DataVersion)));
        }

        if (record["artifact"] is not ObjectValue artifact)
        {
            findings.Add(Error(PipeCodes.VerifyArtifactMissing,
                "record has no artifact: register with --artifact PATH (a local file or folder), --artifact URI plus --artifact-sha256 or " +
                "--artifact-manifest, or --artifact-dvc PATH",
                path, record.LineOf("artifact") is > 0 and var al ? al : record.Line));
        }
        else if (artifact["sha256"] is not StringValue { Value.Length: 64 })
        {
            var uri = artifact["uri"] is StringValue u ? u.Value : "";
            findings.Add(Error(PipeCodes.VerifyArtifactMissing,
                $"artifact '{uri}' has no digest: the URI was registered without --artifact-sha256 HEX (for a file) or --artifact-manifest FILE " +
                "(for a folder)",
                path, record.LineOf("artifact")));
        }

        return findings;
    }

    public static Diagnostic Error(PipeCode code, string message, string path, int line) =>
        new(Severity.Error, code, message, path, line > 0 ? line : null, code.Fix);
}
