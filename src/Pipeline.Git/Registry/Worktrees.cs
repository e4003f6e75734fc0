namespace Pipeline.Git.Registry;

using Repository = LibGit2Sharp.Repository;

/// <summary>Which worktree (if any other than ours) has a branch checked out, read from git's own files.</summary>
internal static class Worktrees
{
    /// <summary>The folder of another worktree whose HEAD is <paramref name="refName"/>, or null.</summary>
    public static string? CheckedOutElsewhere(Repository repo, string refName)
    {
        var ours = Path.GetFullPath(repo.Info.Path).TrimEnd('/', '\\');
        var common = TreeCommitter.CommonDir(repo).TrimEnd('/', '\\');
        var want = "ref: " + refName;
        if (common != ours && repo.Config.Get<bool>("core.bare")?.Value != true && Head(common) == want)
        {
            return Path.GetDirectoryName(common) ?? common;
        }

        var linked = Path.Combine(common, "worktrees");
        if (!Directory.Exists(linked))
        {
            return null;
        }

        foreach (var dir in Directory.EnumerateDirectories(linked))
        {
            if (Path.GetFullPath(dir).TrimEnd('/', '\\') == ours || Head(dir) != want)
            {
                continue;
            }

            var gitdirFile = Path.Combine(dir, "gitdir");
            var dotGit = File.Exists(gitdirFile) ? File.ReadAllText(gitdirFile).Trim() : null;
            // A worktree whose folder is gone is stale ('git worktree prune' removes it): nothing there to go out of step.
            if (dotGit is null || !File.Exists(dotGit))
            {
                continue;
            }

            return Path.GetDirectoryName(dotGit);
        }

        return null;
    }

    private static string? Head(string gitDir)
    {
        var head = Path.Combine(gitDir, "HEAD");
        return File.Exists(head) ? File.ReadAllText(head).Trim() : null;
    }
}
