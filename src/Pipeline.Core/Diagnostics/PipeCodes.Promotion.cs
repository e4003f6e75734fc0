namespace Pipeline.Core.Diagnostics;

// 4100-4149: promotion of reviewed work only (merged records, tags where the record was added, lineage that re-verifies),
// the provenance of evidence and signed alias moves.
public static partial class PipeCodes
{
    public static readonly PipeCode PromotionNotMerged = new(4100, "The version's record is not on the protected ref", ExitCodes.No,
        "Only what was reviewed and merged can take an alias: put the record on the registry branch through a pull request (verify passes, then " +
        "merge) "
        + "and fetch it (git fetch origin), or name the protected ref with --gate-ref. 'pipeline doctor' lists aliases and tags in this state.");

    public static readonly PipeCode PromotionTagMisplaced = new(4101, "The version tag is not on the commit that added the record", ExitCodes.No,
        "The tag MODEL@vX.Y.Z must point at the commit that added registry/MODEL/vX.Y.Z.json: move it there "
        + "(git tag -d MODEL@vX.Y.Z && git tag -a MODEL@vX.Y.Z COMMIT -m '…', then push it) or register the version again.");

    public static readonly PipeCode PromotionLineageUnverified = new(
        4102,
        "The version's lineage does not re-verify at its code_commit",
        ExitCodes.No,
        "Run 'pipeline verify --version MODEL@vX.Y.Z' to see which field differs from the repository at code_commit; register a new version from " +
        "the commit that trained it.");

    public static readonly PipeCode HoldNotRecorded = new(4103, "The gate's refusal could not be recorded on the registry branch", ExitCodes.No,
        "The hold stands (exit 1) and is in this output and the job summary. The remote refused the decision-log commit (a protected branch): to " +
        "keep refusals in registry/<model>/decisions.jsonl, let the promote token bypass the protection or keep the registry on its own branch " +
        "(registry.branch).");

    public static readonly PipeCode EvalProducerIgnored = new(4110, "An eval file's own 'producer' was not taken", ExitCodes.No,
        "Printed as a warning (it does not change the exit code): only Pipeline writes an eval result's producer, from the GitHub Actions " +
        "environment "
        + "it runs in (GITHUB_ACTIONS=true), so a producer the file claims is replaced in CI and dropped elsewhere. Attach the file from the CI " +
            "job that evaluated the model.");

    public static readonly PipeCode AliasEventUntrusted = new(4111, "An alias event is not signed by an allowed signer", ExitCodes.No,
        "gate.yaml requires signed alias tags (require: {signed_tags: true}). Find out who wrote the tag (git cat-file tag TAG); if nobody trusted " +
        "did, delete it "
        + "(git tag -d TAG && git push origin :refs/tags/TAG) and move the alias again from a clone that signs: git config gpg.format ssh and " +
            "user.signingkey "
        + "naming a key whose public half is a line of the allowed-signers file on the protected ref.");

    public static readonly PipeCode AllowedSignersMissing = new(4112, "The allowed-signers file is not on the protected ref", ExitCodes.BadInput,
        "With require: {signed_tags: true}, commit the allowed-signers file (default .pipeline/allowed_signers, or require.allowed_signers) to the " +
        "protected branch: "
        + "one line per signer, 'PRINCIPAL KEYTYPE KEY' as ssh-keygen reads it (e.g. alice@example.com ssh-ed25519 AAAA…).");

    public static readonly PipeCode SigningKeyMissing = new(4113, "This clone cannot sign alias tags", ExitCodes.Environment,
        "The gate requires signed alias tags: set git config gpg.format ssh and git config user.signingkey PATH (an SSH private key, or its public " +
        "key "
        + "with the private half in ssh-agent) before promoting; the key's public half must be in the allowed-signers file on the protected ref.");

    public static readonly PipeCode TagSigningFailed = new(4114, "git could not sign the alias tag", ExitCodes.Environment,
        "git tag -s failed with the configured key: check that user.signingkey names a readable SSH key (ssh-keygen -y -f KEY), that ssh-keygen is " +
        "installed "
        + "(openssh-client) and that git is 2.34 or later.");
}
