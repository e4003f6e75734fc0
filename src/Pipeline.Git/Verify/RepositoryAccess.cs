using Pipeline.Core.Diagnostics;

namespace Pipeline.Git.Verify;

internal static class RepositoryAccess
{
    public static LibGit2Sharp.Repository Open(string path)
    {
        var root = Native.GitDiscovery.GitDir(path)
            ?? throw new PipelineException(PipeCodes.VerifyRefMissing, $"{path} is not inside a git repository", path, null,
                "Run the command inside a git clone, or pass --repo DIR.");
        return new LibGit2Sharp.Repository(root);
    }
}
