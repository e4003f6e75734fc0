namespace Pipeline.Core.Diagnostics;

// 1000-1099: reading the git repository (commits, trees, status, remotes).
public static partial class PipeCodes
{
    public static readonly PipeCode NotARepository = new(1001, "Not a git repository", ExitCodes.Environment,
        "Run inside a git working tree, or pass --repo DIR pointing at one.");

    public static readonly PipeCode RevisionUnknown = new(1002, "Unknown git revision", ExitCodes.BadInput,
        "Give a branch, tag or commit that exists locally (fetch it first if it lives on a remote).");

    public static readonly PipeCode WorkingTreeDirty = new(1003, "Working tree has uncommitted changes", ExitCodes.BadInput,
        "Commit or stash the listed changes so the lineage names code that exists, or pass --allow-dirty (recorded as dirty; verification and the " +
        "gate refuse it).");

    public static readonly PipeCode FileMissingAtCommit = new(1004, "File not found at the lineage commit", ExitCodes.BadInput,
        "The file must be committed: lineage sources are read at the commit, not from the working tree. Commit it, or fix the path " +
        "(repository-relative).");

    public static readonly PipeCode GitReadFailed = new(1005, "Reading the git repository failed", ExitCodes.Environment,
        "Check that the repository is not corrupt ('git fsck') and that Pipeline can read it.");

    public static readonly PipeCode RepositoryEmpty = new(1006, "Repository has no commits", ExitCodes.BadInput,
        "Make a first commit; a lineage names a commit.");
}
