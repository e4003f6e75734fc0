using System.Diagnostics;

namespace Pipeline.Cli.Commands.Quickstart;

/// <summary>
/// The demo's training repository: samples/demo copied into a folder and committed with fixed dates, so every run of
/// the demo produces the same commits and therefore the same fingerprints.
/// </summary>
internal sealed class DemoRepository(string root)
{
    private int _clock;

    public string Root { get; } = root;

    public void Create()
    {
        if (Directory.Exists(Root) && Directory.EnumerateFileSystemEntries(Root).Any())
        {
            throw new Core.Diagnostics.PipelineException(Core.Diagnostics.PipeCodes.UsageError,
                $"the demo folder {Root} is not empty", Root, null, "Pass --dir with a new or empty folder, or omit it to use a temp folder.");
        }

        DemoFiles.WriteTo(Root);
        Git("init", "-q", "-b", "main");
        Git("config", "user.name", "Demo Trainer");
        Git("config", "user.email", "trainer@demo.invalid");
        Git("config", "commit.gpgsign", "false");
        Git("config", "tag.gpgsign", "false");
        Commit("LoRA SFT of Qwen3-8B on sft-mix-v3");
    }

    public string Write(string relativePath, string content)
    {
        var full = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return full;
    }

    public string Read(string relativePath) => File.ReadAllText(Path.Combine(Root, relativePath));

    public string Commit(string message)
    {
        Git("add", "-A");
        Git("commit", "-q", "--allow-empty", "-m", message);
        return Git("rev-parse", "HEAD").Trim();
    }

    public string Git(params string[] args)
    {
        var psi = new ProcessStartInfo("git")
        {
            WorkingDirectory = Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Fixed, increasing dates: the demo's commits (and so its fingerprints) are the same on every machine.
        var date = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero).AddMinutes(_clock++).ToString("yyyy-MM-ddTHH:mm:ssZ");
        psi.Environment["GIT_AUTHOR_DATE"] = date;
        psi.Environment["GIT_COMMITTER_DATE"] = date;
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException("git could not be started");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', args)} failed: {stderr.Result}");
        }

        return stdout;
    }
}
