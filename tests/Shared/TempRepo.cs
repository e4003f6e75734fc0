using System.Diagnostics;

namespace Pipeline.Tests.Shared;

/// <summary>
/// A real git repository in a temp folder, driven by the git CLI (identity set per command: CI has none).
/// Linked into several test projects from tests/Shared, so every suite drives git the same way.
/// </summary>
internal sealed class TempRepo : IDisposable
{
    public TempRepo()
    {
        Dir = Path.Combine(Path.GetTempPath(), "pipeline-git-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Dir);
        Git("init", "-q", "-b", "main");
    }

    public string Dir { get; }

    public string Write(string path, string content)
    {
        var full = Path.Combine(Dir, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return full;
    }

    public string Commit(string message, params (string Path, string Content)[] files)
    {
        foreach (var (path, content) in files)
        {
            Write(path, content);
        }

        Git("add", "-A");
        Git("commit", "-q", "--allow-empty", "-m", message);
        return Git("rev-parse", "HEAD").Trim();
    }

    public string Git(params string[] args)
    {
        var psi = new ProcessStartInfo("git") { WorkingDirectory = Dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in (string[])["-c", "user.name=Test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false", .. args])
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', args)} failed: {error}");
        }

        return output;
    }

    public void Dispose()
    {
        try
        {
            foreach (var f in Directory.EnumerateFiles(Dir, "*", SearchOption.AllDirectories))
            {
                File.SetAttributes(f, FileAttributes.Normal);
            }

            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; never fail a test over cleanup.
        }
    }
}
