namespace Pipeline.Core.Diagnostics;

// 2500-2599: verification findings about a version's lineage; 3900-3949: append-only registry violations
// (version records, and the per-model decision log decisions.jsonl) and verify's own input errors.
// Findings are decisions ("not reproducible"), so they exit 1, unlike input errors.
public static partial class PipeCodes
{
    public static readonly PipeCode VerifyMissingField = new(2501, "Version record lacks a required field", ExitCodes.No,
        "Re-register the version with `pipeline register`, which writes every lineage field; never hand-edit records.");

    public static readonly PipeCode VerifyFingerprintMismatch = new(2502, "Recorded fingerprint differs from the recorded lineage", ExitCodes.No,
        "The record was edited after registration, or written by another tool: re-register the version instead of editing it.");

    public static readonly PipeCode VerifyCommitMissing = new(2503, "Lineage commit does not exist", ExitCodes.No,
        "Push the commit the model was trained from, or fetch it (`actions/checkout` with fetch-depth: 0); a record must point at a real commit.");

    public static readonly PipeCode VerifyCommitUnreachable = new(2504, "Lineage commit is not reachable from the head", ExitCodes.No,
        "Merge or rebase so that the training commit is part of the branch's history; a squash-merged or rewritten commit cannot be reproduced.");

    public static readonly PipeCode VerifyDataVersionMismatch = new(2505, "data_version does not recompute from dvc.lock at the commit", ExitCodes.No,
        "The data hashes in dvc.lock at code_commit differ from the recorded ones: register from the commit whose dvc.lock produced the model.");

    public static readonly PipeCode VerifyDataUnverifiable = new(2506, "data_version is a label, not computed from dvc.lock", ExitCodes.No,
        "Register with --dvc-lock so data_version is the hash of the data inputs; a free-text label cannot be verified.");

    public static readonly PipeCode VerifyConfigMismatch = new(2507, "Config does not match the file at the commit", ExitCodes.No,
        "The recorded config differs from the config file (or its git blob) at code_commit: register from the commit that holds the training " +
        "config.");

    public static readonly PipeCode VerifyDirty = new(2508, "Lineage recorded from a dirty working tree", ExitCodes.No,
        "Commit every change before training and registering; --allow-dirty lineage is never reproducible.");

    public static readonly PipeCode VerifyArtifactMissing = new(2509, "Artifact digest missing", ExitCodes.No,
        "Register with --artifact PATH (hashed), or --artifact URI plus --artifact-sha256 HEX (a file) or --artifact-manifest FILE (a folder), or " +
        "--artifact-dvc PATH (a DVC output).");

    public static readonly PipeCode VerifyArtifactMismatch = new(2510, "Artifact bytes differ from the recorded digest", ExitCodes.No,
        "The local artifact changed after registration: register the new bytes as a new version.");

    public static readonly PipeCode VerifyRecordUnreadable = new(2511, "Version record is not valid", ExitCodes.No,
        "The record must be the JSON object `pipeline register` writes; fix the named line or re-register.");

    public static readonly PipeCode VerifySourceMismatch = new(2512, "A lineage field does not recompute from its recorded source", ExitCodes.No,
        "Re-register from the commit that holds the sources; the recorded value and the value recomputed at code_commit differ.");

    public static readonly PipeCode VerifyGateEdited = new(2590, "The change edits the gate file", ExitCodes.No,
        "Gate changes should land in their own reviewed pull request; the gate of this change is still read from the protected ref.");

    public static readonly PipeCode RegistryRecordModified = new(3901, "An existing version record was modified", ExitCodes.No,
        "Version records are append-only: revert the edit and register a new version instead.");

    public static readonly PipeCode RegistryRecordDeleted = new(3902, "An existing version record was deleted", ExitCodes.No,
        "Version records are append-only: restore the file; retire a version with `pipeline deprecate` instead.");

    public static readonly PipeCode DecisionLogRewritten = new(3904, "An earlier line of a decision log was changed or removed", ExitCodes.No,
        "A model's decisions.jsonl is append-only: restore the earlier lines from the base branch; new decisions are only ever appended by " +
        "`pipeline promote`.");

    public static readonly PipeCode DecisionLogDeleted = new(3905, "A decision log was deleted", ExitCodes.No,
        "A model's decisions.jsonl keeps the gate's refusals for audit: restore the file from the base branch.");

    public static readonly PipeCode DecisionLogLineInvalid = new(3906, "A decision log line is not a valid decision", ExitCodes.No,
        "Each line of decisions.jsonl is one JSON object written by `pipeline promote` (kind gate_hold); remove the hand-written line in the " +
        "change that added it, or restore the file from git history.");

    public static readonly PipeCode VerifyRefMissing = new(3903, "Base or head revision not found", ExitCodes.Environment,
        "Fetch the base branch (actions/checkout with fetch-depth: 0, or `git fetch origin <base>`), or pass --base/--head explicitly.");

    public static readonly PipeCode VerifyVersionMissing = new(3910, "The version to verify has no record in head", ExitCodes.BadInput,
        "Name a registered version (`pipeline list`, `pipeline history MODEL`), or pass --head naming the commit whose registry holds it.");

    public static readonly PipeCode VerifyVersionSpecInvalid = new(3911, "--version is not MODEL@vX.Y.Z", ExitCodes.BadInput,
        "Write the model and the version separated by '@', e.g. --version sentiment@v1.2.0 (the version with its leading 'v').");
}
