namespace Pipeline.Core.Diagnostics;

// 1100-1199: git writes and pushes of the registry. 3000-3499: the registry, its records and tags.
public static partial class PipeCodes
{
    public static readonly PipeCode GitWriteFailed = new(1101, "Writing to the git repository failed", ExitCodes.Environment,
        "Check that the repository is writable and not locked by another git process (remove a stale .git/index.lock only if no git command is " +
        "running).");

    public static readonly PipeCode BranchMoved = new(1102, "The registry branch moved during the write", ExitCodes.Environment,
        "Another writer committed to the branch at the same time; re-run the command, it re-reads the registry and decides again.");

    public static readonly PipeCode RegistryPathsDirty = new(1103, "Local changes in the registry folder", ExitCodes.BadInput,
        "Commit, stash or discard your local changes under the named paths; Pipeline never overwrites uncommitted work.");

    public static readonly PipeCode NoGitIdentity = new(1104, "No git identity to sign commits and tags", ExitCodes.Environment,
        "Set one: git config user.name \"CI\" && git config user.email ci@example.com (or GIT_COMMITTER_NAME/GIT_COMMITTER_EMAIL).");

    public static readonly PipeCode GitMissing = new(1105, "The git command failed to start", ExitCodes.Environment,
        "Install git (2.30 or newer) and make sure it is on PATH.");

    public static readonly PipeCode PushRejected = new(1110, "Push rejected after retries (lost race)", ExitCodes.Environment,
        "Other writers kept winning the race for the branch or the alias counter; re-run the command (it re-reads and decides again) or serialise " +
        "writers with a workflow concurrency group.");

    public static readonly PipeCode PushFailed = new(1111, "Push or fetch failed", ExitCodes.Environment,
        "Check the remote name/URL, network and credentials (the token needs contents: write); the message shows git's own error with credentials " +
        "removed.");

    public static readonly PipeCode LocalCommitsNotPushed = new(1112, "The branch has local commits the remote does not have", ExitCodes.Environment,
        "Push or rebase your own commits first; Pipeline only replays its registry commit on top of the remote branch, never your work.");

    public static readonly PipeCode NoBranch = new(1121, "No registry branch", ExitCodes.BadInput,
        "HEAD is detached: pass --branch NAME (the branch that holds the registry).");

    public static readonly PipeCode ModelNotFound = new(3001, "Model not found", ExitCodes.BadInput,
        "Check the name with 'pipeline list'; in a fresh clone fetch the tags first: git fetch origin 'refs/tags/*:refs/tags/*'.");

    public static readonly PipeCode VersionNotFound = new(3002, "Version not found", ExitCodes.BadInput,
        "Check the version with 'pipeline history MODEL' or 'pipeline show MODEL'.");

    public static readonly PipeCode AliasNotFound = new(3003, "Alias not assigned", ExitCodes.BadInput,
        "The alias has no current version; assign one with 'pipeline assign MODEL --version V --alias A'.");

    public static readonly PipeCode VersionExists = new(3004, "Version already registered with another lineage", ExitCodes.BadInput,
        "Records are immutable: pick a new version (--bump or --version) instead of re-using this one.");

    public static readonly PipeCode InvalidVersion = new(3005, "Invalid version", ExitCodes.BadInput,
        "Versions are SemVer with a 'v' prefix, e.g. v1.4.0 or v2.0.0-rc.1.");

    public static readonly PipeCode RecordInvalid = new(3006, "Version record is malformed", ExitCodes.BadInput,
        "Version records are written by 'pipeline register' and never edited; restore the file from git history.");

    public static readonly PipeCode EvalNotAboutModel = new(3007, "Eval result is about another model", ExitCodes.BadInput,
        "Attach only eval results whose 'evaluated' is this lineage's fingerprint or the artifact's sha256.");

    public static readonly PipeCode NoRollbackTarget = new(3008, "Nothing to roll back to", ExitCodes.BadInput,
        "The alias never held another version; pass --to VERSION.");

    public static readonly PipeCode VersionDeprecated = new(3009, "Version or model is deprecated", ExitCodes.BadInput,
        "Deprecated versions cannot receive aliases; assign a live version.");

    public static readonly PipeCode AssignRefused = new(3010, "Assignment refused", ExitCodes.No,
        "The decision function refused the move (see the message); nothing was written.");

    public static readonly PipeCode TagConflict = new(3011, "Tag already exists with other content", ExitCodes.Environment,
        "Another writer created the same tag; re-run the command so it re-reads the registry and decides again.");

    public static readonly PipeCode RegistryProblems = new(3020, "Registry doctor found problems", ExitCodes.No,
        "Follow the fix printed under each finding; re-running the interrupted command completes a half-done write.");

    public static readonly PipeCode CounterExhausted = new(3022, "An alias counter is at the end of its range", ExitCodes.BadInput,
        "A tag of the model carries an absurd counter (hand-made or hostile); 'pipeline doctor' names it: delete it if nobody meant it, then " +
        "re-run.");

    public static readonly PipeCode ReservedName = new(3021, "Reserved name", ExitCodes.BadInput,
        "'latest' and 'v<digits>…' are reserved alias names, and 'runs' is the run ledger's folder: pick another name.");
}
