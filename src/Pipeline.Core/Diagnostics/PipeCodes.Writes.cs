namespace Pipeline.Core.Diagnostics;

// 1130-1149: safety of registry and ledger writes (locks, paths written, read-back).
public static partial class PipeCodes
{
    public static readonly PipeCode WriteLockTimeout = new(1130, "Another Pipeline write held the repository too long", ExitCodes.Environment,
        "Another register/assign/ingest in this repository is still running; wait for it and re-run, or raise PIPELINE_LOCK_TIMEOUT (seconds).");

    public static readonly PipeCode SymlinkInWritePath = new(1131, "A path Pipeline would write goes through a symbolic link", ExitCodes.BadInput,
        "Replace the named symlink with a real folder (or remove it): Pipeline writes records only inside the repository, never through links.");

    public static readonly PipeCode BranchCheckedOutElsewhere = new(1132, "The branch is checked out in another worktree", ExitCodes.BadInput,
        "Run the command in the worktree that has the branch checked out, or pass --branch with a branch no worktree uses (as 'git branch -f' " +
        "refuses).");

    public static readonly PipeCode WriteNotReadable = new(1133, "The write could not be read back", ExitCodes.Environment,
        "Nothing was reported as done: run 'pipeline doctor' to see the registry's state, and report the message if the registry looks normal.");

    public static readonly PipeCode WriteDenied = new(1135, "Permission denied", ExitCodes.Environment,
        "Pipeline may not write (or read) the named file or folder: check its permissions and owner (a read-only registry/ or .git folder).");

    public static readonly PipeCode DiskFull = new(1136, "No space left on the disk", ExitCodes.Environment,
        "Free space on the disk holding the repository (or TMPDIR) and re-run; a half-written run or record is never committed.");

    public static readonly PipeCode RecordImmutable = new(1134, "A version record already exists at that path", ExitCodes.Environment,
        "Records are never replaced: another writer registered that version first; re-run the command, it decides the version again.");
}
