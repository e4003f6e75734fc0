using System.Diagnostics;

namespace Pipeline.Cli.Tests.Support;

/// <summary>A real git repository in a temp folder, driven by the real git CLI; deleted on dispose.</summary>
internal sealed class TempGitRepo : IDisposable
{
    public TempGitRepo(bool bare = false)
    {
        Root = Path.Combine(Path.GetTempPath(), "pipeline-test-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Root);
        Git(bare ? ["init", "-q", "--bare", "-b", "main"] : ["init", "-q", "-b", "main"]);
        if (!bare)
        {
            Git("config", "user.name", "Test User");
            Git("config", "user.email", "test@example.invalid");
            Git("config", "commit.gpgsign", "false");
            Git("config", "tag.gpgsign", "false");
        }
    }

    public string Root { get; }

    public string Write(string relativePath, string content)
    {
        var full = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return full;
    }

    public void Delete(string relativePath) => File.Delete(Path.Combine(Root, relativePath));

    public string Commit(string message)
    {
        Git("add", "-A");
        Git("commit", "-q", "--allow-empty", "-m", message);
        return Head;
    }

    public string Head => Git("rev-parse", "HEAD").Trim();

    public string Git(params string[] args)
    {
        var psi = new ProcessStartInfo("git")
        {
            WorkingDirectory = Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.Environment["GIT_AUTHOR_DATE"] = "2026-01-01T00:00:00Z";
        psi.Environment["GIT_COMMITTER_DATE"] = "2026-01-01T00:00:00Z";
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', args)} failed ({p.ExitCode}): {err.Result}");
        }

        return output;
    }

    public void Dispose()
    {
        try
        {
            foreach (var f in Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories))
            {
                File.SetAttributes(f, FileAttributes.Normal);
            }

            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
