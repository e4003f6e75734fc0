namespace Pipeline.Testing;

/// <summary>
/// A real git repository in a temp folder (branch <c>main</c>), optionally bare or cloned from another, with an identity
/// in its own config: LibGit2Sharp, which the registry writes with, reads the identity from there. Deleted on dispose.
/// </summary>
public sealed class TempGitRepo : IDisposable
{
    public TempGitRepo(bool bare = false, string? cloneFrom = null, string prefix = "pipeline-test-")
    {
        Root = Directory.CreateTempSubdirectory(prefix).FullName;
        if (cloneFrom is not null)
        {
            GitProcess.Run(System.IO.Path.GetTempPath(), "clone", "-q", cloneFrom, Root);
        }
        else
        {
            Git(bare ? ["init", "-q", "--bare", "-b", "main"] : ["init", "-q", "-b", "main"]);
        }

        SetIdentity(GitProcess.UserName, GitProcess.UserEmail);
    }

    /// <summary>The repository folder (the work tree, or the git folder of a bare repository).</summary>
    public string Root { get; }

    public string Head => Git("rev-parse", "HEAD").Trim();

    /// <summary>The file:// URL others clone or push to.</summary>
    public string Url => new Uri(Root).AbsoluteUri;

    public string Write(string relativePath, string content)
    {
        var full = System.IO.Path.Combine(Root, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return full;
    }

    public void Delete(string relativePath) => File.Delete(System.IO.Path.Combine(Root, relativePath));

    /// <summary>Writes <paramref name="files"/>, stages everything and commits (empty allowed); returns the commit id.</summary>
    public string Commit(string message, params (string Path, string Content)[] files)
    {
        foreach (var (path, content) in files)
        {
            Write(path, content);
        }

        Git("add", "-A");
        Git("commit", "-q", "--allow-empty", "-m", message);
        return Head;
    }

    /// <summary>Writes one file and commits only it (other changes stay as they are); returns the commit id.</summary>
    public string CommitFile(string file, string content, string message = "code")
    {
        Write(file, content);
        Git("add", "--", file);
        Git("commit", "-q", "-m", message);
        return Head;
    }

    public string Git(params string[] args) => GitProcess.Run(Root, args);

    public (int Code, string Out, string Err) TryGit(params string[] args) => GitProcess.TryRun(Root, args);

    public string Status() => Git("status", "--porcelain", "--untracked-files=all");

    public void SetIdentity(string name, string email)
    {
        Git("config", "user.name", name);
        Git("config", "user.email", email);
        Git("config", "commit.gpgsign", "false");
        Git("config", "tag.gpgsign", "false");
    }

    public void Dispose() => TempFolder.Delete(Root);
}
