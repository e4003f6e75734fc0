using System.Diagnostics;
using LibGit2Sharp;
using Pipeline.Core.Diagnostics;

namespace Pipeline.Git.Ledger;

/// <summary>
/// INTERIM minimal atomic committer for the run ledger, until the registry's shared TreeCommitter lands on main.
/// Writes/deletes files as ONE commit built in the object database, then moves the branch with a compare-and-swap
/// (<c>git update-ref NEW OLD</c>), so a concurrent writer makes this fail instead of being overwritten.
/// Order when the branch is checked out: (1) objects, (2) working tree + index for the touched paths (a crash here
/// leaves staged additions or staged deletions of exactly the intended change: <c>git commit -a</c> completes it,
/// never loses a record), (3) the ref swap.
/// </summary>
public static class LedgerCommitter
{
    /// <summary>
    /// Repo-relative '/' paths → the local file holding the new content (streamed into the object database, so a
    /// 60 MB series never sits in memory), or null to delete. Returns the new commit sha.
    /// </summary>
    public static string Commit(string repoPath, string? branch, IReadOnlyDictionary<string, string?> changes, string message)
    {
        using var repo = Open(repoPath);
        var refName = branch is null
            ? repo.Refs.Head is SymbolicReference h ? h.TargetIdentifier : throw new PipelineException(PipeCodes.LedgerCommitFailed, "HEAD is detached; pass --branch to name the registry branch")
            : "refs/heads/" + branch;
        var old = repo.Refs[refName]?.ResolveToDirectReference()?.Target as LibGit2Sharp.Commit;
        var tree = old is null ? new TreeDefinition() : TreeDefinition.From(old.Tree);
        foreach (var (path, source) in changes)
        {
            if (source is null)
            {
                tree.Remove(path);
            }
            else
            {
                tree.Add(path, repo.ObjectDatabase.CreateBlob(source), Mode.NonExecutableFile);
            }
        }

        var who = Signature(repo);
        var commit = repo.ObjectDatabase.CreateCommit(who, who, message.EndsWith('\n') ? message : message + "\n",
            repo.ObjectDatabase.CreateTree(tree), old is null ? [] : [old], prettifyMessage: false);

        var checkedOut = !repo.Info.IsBare && repo.Refs.Head is SymbolicReference head && head.TargetIdentifier == refName;
        if (checkedOut)
        {
            SyncWorkingTree(repo, changes);
        }

        var (ok, error) = Git(repo.Info.WorkingDirectory ?? repo.Info.Path, "update-ref", "-m", "pipeline: " + message.Split('\n')[0], refName, commit.Sha, old?.Sha ?? new string('0', 40));
        if (!ok)
        {
            throw new PipelineException(PipeCodes.LedgerCommitFailed, $"branch {refName} moved while writing: {error.Trim()}");
        }

        return commit.Sha;
    }

    public static string RepositoryRoot(string path)
    {
        using var repo = Open(path);
        return repo.Info.WorkingDirectory?.TrimEnd(Path.DirectorySeparatorChar) ?? throw new PipelineException(PipeCodes.LedgerNotARepository, $"'{path}' is a bare repository; run inside a checkout");
    }

    private static void SyncWorkingTree(Repository repo, IReadOnlyDictionary<string, string?> changes)
    {
        var root = repo.Info.WorkingDirectory!;
        foreach (var (path, source) in changes)
        {
            var full = Path.Combine(root, path.Replace('/', Path.DirectorySeparatorChar));
            if (source is null)
            {
                if (File.Exists(full)) File.Delete(full);
                if (repo.Index[path] is not null) repo.Index.Remove(path);
            }
            else
            {
                if (!string.Equals(Path.GetFullPath(source), Path.GetFullPath(full), StringComparison.Ordinal))
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                    var temp = full + ".pipeline-tmp";
                    File.Copy(source, temp, overwrite: true);
                    File.Move(temp, full, overwrite: true);
                }

                repo.Index.Add(path);
            }
        }

        repo.Index.Write();
    }

    private static Signature Signature(Repository repo)
    {
        var name = repo.Config.Get<string>("user.name")?.Value ?? Environment.GetEnvironmentVariable("GIT_AUTHOR_NAME") ?? "pipeline";
        var email = repo.Config.Get<string>("user.email")?.Value ?? Environment.GetEnvironmentVariable("GIT_AUTHOR_EMAIL") ?? "pipeline@localhost";
        return new Signature(name, email, DateTimeOffset.Now);
    }

    private static Repository Open(string path)
    {
        var found = Repository.Discover(Path.GetFullPath(path));
        return found is null
            ? throw new PipelineException(PipeCodes.LedgerNotARepository, $"'{path}' is not inside a git repository")
            : new Repository(found);
    }

    private static (bool Ok, string Error) Git(string workDir, params string[] args)
    {
        var psi = new ProcessStartInfo("git") { WorkingDirectory = workDir, RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        try
        {
            using var p = Process.Start(psi)!;
            var err = p.StandardError.ReadToEndAsync();
            p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return (p.ExitCode == 0, err.Result);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new PipelineException(PipeCodes.LedgerCommitFailed, $"cannot run git: {ex.Message}", hint: "Install git and put it on PATH.");
        }
    }
}
