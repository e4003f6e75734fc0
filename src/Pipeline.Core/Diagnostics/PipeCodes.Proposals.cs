namespace Pipeline.Core.Diagnostics;

// 3100-3199: registration by pull request (register --propose, publish, and verify's proposal checks).
public static partial class PipeCodes
{
    public static readonly PipeCode ProposalNoRemote = new(3100, "No remote to propose to", ExitCodes.BadInput,
        "register --propose pushes a branch: add the remote (git remote add origin URL) or name it with --push REMOTE; without a remote use " +
        "register without --propose.");

    public static readonly PipeCode ProposalBaseMissing = new(3101, "The default branch was not found on the remote", ExitCodes.Environment,
        "Name the branch the proposal targets with --branch or registry.branch in pipeline.yaml, and check that it exists on the remote (git " +
        "ls-remote REMOTE).");

    public static readonly PipeCode ProposalTaken = new(3102, "The version is already proposed with another lineage", ExitCodes.BadInput,
        "Another open proposal (branch pipeline/MODEL/VERSION) holds this version: omit --version to take the next free one, or merge or delete " +
        "that branch first.");

    public static readonly PipeCode PublishTagConflict = new(3110, "The version tag exists on another commit", ExitCodes.BadInput,
        "The tag is the compare-and-swap of publication: inspect both commits named in the message; if the tag is stale, delete it (git push " +
        "REMOTE :refs/tags/TAG) and publish again.");

    public static readonly PipeCode PublishPushFailed = new(3111, "Publishing the version tags was refused", ExitCodes.Environment,
        "git push --atomic refused the tags (none were pushed): re-run publish; it fetches the remote's tags and decides again. Check that the " +
        "token may push tags (contents: write).");

    public static readonly PipeCode ProposalVersionOnBase = new(3120, "The proposed version already exists on the base branch", ExitCodes.No,
        "The base branch registered this version since the proposal was made: re-run register --propose (it takes the next free version) and close " +
        "this pull request.");

    public static readonly PipeCode ProposalTagElsewhere = new(3121, "The proposed version's tag already points elsewhere", ExitCodes.No,
        "A tag MODEL@VERSION exists on a commit that does not hold this record (a published or abandoned registration): propose again to get a " +
        "free version.");
}
