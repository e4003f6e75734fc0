using System.Diagnostics;

namespace Pipeline.Git.Tests.Registry;

/// <summary>A real git repository in a temp folder, with its own identity (CI machines may have none), deleted on dispose.</summary>
internal sealed class TempRepo : IDisposable
{
    public TempRepo(bool bare = false, string? cloneFrom = null)
    {
        Path = Directory.CreateTempSubdirectory("pipeline-reg-").FullName;
        if (cloneFrom is not null)
        {
            Run(System.IO.Path.GetTempPath(), "clone", "-q", cloneFrom, Path);
        }
        else
        {
            Git(bare ? ["init", "-q", "--bare", "-b", "main"] : ["init", "-q", "-b", "main"]);
        }

        Git("config", "user.name", "Test User");
        Git("config", "user.email", "test@example.com");
        Git("config", "commit.gpgsign", "false");
        Git("config", "tag.gpgsign", "false");
    }

    public string Path { get; }

    public string Git(params string[] args) => Run(Path, args);

    public (int Code, string Out, string Err) TryGit(params string[] args) => TryRun(Path, args);

    public void Commit(string file, string content, string message = "code")
    {
        var full = System.IO.Path.Combine(Path, file);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        Git("add", "--", file);
        Git("commit", "-q", "-m", message);
    }

    public string Status() => Git("status", "--porcelain", "--untracked-files=all");

    public static string Run(string dir, params string[] args)
    {
        var (code, output, error) = TryRun(dir, args);
        if (code != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', args)} failed ({code}): {error}");
        }

        return output;
    }

    public static (int Code, string Out, string Err) TryRun(string dir, params string[] args)
    {
        var psi = new ProcessStartInfo("git") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["GIT_TERMINAL_PROMPT"] = "0";
        using var p = Process.Start(psi)!;
        var o = p.StandardOutput.ReadToEndAsync();
        var e = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        return (p.ExitCode, o.Result, e.Result);
    }

    public void Dispose()
    {
        try
        {
            foreach (var f in Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories)) File.SetAttributes(f, FileAttributes.Normal);
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
