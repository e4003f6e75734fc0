namespace Pipeline.Core.Diagnostics;

// 3700-3799: artifacts with digests (register's artifact options, manifests, DVC outputs) and serving (resolve,
// check-ref, artifact verify). A serving answer of "no" (empty alias, stale tag, bytes differ) exits 1.
public static partial class PipeCodes
{
    public static readonly PipeCode ArtifactOutsideRepository = new(3701, "Artifact path is absolute or outside the repository", ExitCodes.BadInput,
        "Record what a serving job can fetch: keep the checkpoint inside the repository (a gitignored folder is fine), or upload it and pass " +
        "--artifact URI with --artifact-sha256 HEX (a file) or --artifact-manifest FILE (a folder), or track it with DVC and pass --artifact-dvc " +
        "PATH.");

    public static readonly PipeCode ArtifactDigestInvalid = new(3702, "Artifact digest is not a sha256", ExitCodes.BadInput,
        "--artifact-sha256 takes the 64 hexadecimal digits `sha256sum FILE` prints.");

    public static readonly PipeCode ArtifactOptionsConflict = new(3703, "Artifact options do not fit together", ExitCodes.BadInput,
        "Give one artifact: --artifact PATH (hashed here), --artifact URI with --artifact-sha256 HEX or --artifact-manifest FILE, or " +
        "--artifact-dvc PATH.");

    public static readonly PipeCode ArtifactUriWithoutDigest = new(3704, "Remote artifact URI without a digest", ExitCodes.BadInput,
        "A URI alone cannot be verified: add --artifact-sha256 HEX for a file, or --artifact-manifest FILE for a folder (written by `pipeline " +
        "artifact manifest DIR` on the training machine).");

    public static readonly PipeCode ManifestInvalid = new(3705, "Artifact manifest is not valid", ExitCodes.BadInput,
        "Write the manifest with `pipeline artifact manifest DIR` and do not edit it; the named line or entry says what is wrong.");

    public static readonly PipeCode ArtifactDigestMismatch = new(3706, "Local artifact bytes differ from the digest given", ExitCodes.BadInput,
        "The file or folder on disk is not the one the digest or manifest describes: re-create the manifest, or pass the digest of these bytes.");

    public static readonly PipeCode DvcOutputNotFound = new(3707, "Not a DVC-tracked output", ExitCodes.BadInput,
        "Pass the path of an output listed in dvc.lock or in a .dvc file (e.g. models/model.pkl for models/model.pkl.dvc), relative to the " +
        "repository root, and run `dvc pull PATH` so its bytes are in the workspace.");

    public static readonly PipeCode AliasEmpty = new(3710, "Alias is empty (unassigned)", ExitCodes.No,
        "Nothing is deployed under this alias: its latest event is an unassignment. Assign a version with `pipeline assign` or roll back with " +
        "`pipeline rollback`.");

    public static readonly PipeCode ResolvedVersionDeprecated = new(3711, "Resolved version is deprecated", ExitCodes.No,
        "Do not serve a deprecated version: move the alias to a live version (`pipeline assign MODEL --version V --alias A`).");

    public static readonly PipeCode RefNotRegistryTag = new(3712, "Ref is not a registry tag", ExitCodes.BadInput,
        "Pass a pushed tag in GTO's grammar (MODEL@vX.Y.Z, MODEL#ALIAS#N, MODEL#ALIAS!#N, MODEL@deprecated), e.g. $GITHUB_REF; fetch tags first " +
        "(`git fetch origin 'refs/tags/*:refs/tags/*'`).");

    public static readonly PipeCode ArtifactNotVerified = new(3713, "Downloaded artifact differs from the record", ExitCodes.No,
        "Download again (the named file differs, is missing or is extra); if the record is wrong, register the right bytes as a new version.");

    public static readonly PipeCode ArtifactNotVerifiable = new(3714, "The record has no digest to verify against", ExitCodes.No,
        "The version was registered without a digest (a bare URI or a hand-made tag): register its bytes again with --artifact-sha256, " +
        "--artifact-manifest or --artifact-dvc.");

    public static readonly PipeCode ResolveFormatInvalid = new(3715, "Unknown --format", ExitCodes.BadInput,
        "Use --format env (KEY=VALUE lines for $GITHUB_ENV), --format oci-labels (docker build --label arguments) or --json.");
}
