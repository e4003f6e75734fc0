using LibGit2Sharp;
using Pipeline.Core.Diagnostics;

namespace Pipeline.Git.Registry;

using Repository = LibGit2Sharp.Repository;

/// <summary>
/// Refuses to write through a symbolic link: a committed link (<c>registry -&gt; elsewhere</c>) would be replaced by a
/// folder in the commit, and a link in the working tree would send the files outside the repository, where the next
/// <c>git add -A</c> loses the records. Every component of every written path is checked, in the commit built on and
/// on disk.
/// </summary>
internal static class WritePaths
{
    public static void Check(Repository repo, Commit? baseCommit, IEnumerable<string> paths)
    {
        if (baseCommit is null)
        {
            return;
        }

        foreach (var path in paths)
        {
            var parts = path.Split('/');
            for (var i = 1; i <= parts.Length; i++)
            {
                var prefix = string.Join('/', parts.Take(i));
                if (baseCommit[prefix] is not { } entry)
                {
                    break;
                }

                if (entry.Mode == Mode.SymbolicLink)
                {
                    throw new PipelineException(
                        PipeCodes.SymlinkInWritePath,
                        $"'{prefix}' is a symbolic link in the commit; refusing to write '{path}' through it",
                        prefix);
                }

                if (entry.Mode == Mode.GitLink)
                {
                    throw new PipelineException(
                        PipeCodes.SymlinkInWritePath,
                        $"'{prefix}' is a submodule; refusing to write '{path}' into it",
                        prefix);
                }
            }
        }
    }

    public static void CheckOnDisk(Repository repo, IEnumerable<string> paths)
    {
        var root = Path.GetFullPath(repo.Info.WorkingDirectory!);
        foreach (var path in paths)
        {
            var current = root;
            foreach (var part in path.Split('/'))
            {
                current = Path.Combine(current, part);
                FileSystemInfo info = Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
                if (!info.Exists && info.LinkTarget is null)
                {
                    break;
                }

                if (info.LinkTarget is not null)
                {
                    throw new PipelineException(PipeCodes.SymlinkInWritePath,
                        $"'{Path.GetRelativePath(root, current)}' is a symbolic link (to '{info.LinkTarget}'); refusing to write '{path}' through it",
                        current);
                }
            }
        }
    }
}
