using System.Diagnostics;
using System.Text.Json;
using Pipeline.Tasks.Tests.Support;

namespace Pipeline.Tasks.Tests.Package;

/// <summary>
/// The release's single-file executable runs where no .NET is installed: PATH holds only git, DOTNET_ROOT and every
/// other DOTNET_ variable are gone. On a real git repository it computes the fingerprint from the sources (the same
/// as the framework-dependent CLI), registers a version (LibGit2Sharp's native library, extracted from the bundle) and
/// shows it, and runs quickstart from the demo compiled into it.
/// </summary>
public sealed class SingleFileTests(SingleFileFixture single) : IClassFixture<SingleFileFixture>
{
    private static readonly string[] LineageOptions =
        ["--config", "params.yaml#train", "--data-version", "sft-mix-v3", "--base-model", "Qwen/Qwen3-8B", "--seed", "7"];

    [Fact]
    public void The_publish_is_one_executable_with_the_native_git_library_inside()
    {
        Assert.True(single.Publish.ExitCode == 0, single.Publish.ToString());
        var files = Directory.GetFiles(single.Output)
            .Select(f => Path.GetFileName(f))
            .Where(f => !f.EndsWith(".pdb", StringComparison.Ordinal))
            .ToArray();
        Assert.Equal(["pipeline"], files);
        Assert.True(new FileInfo(single.Executable).Length > 10_000_000, "a self-contained bundle carries the runtime");
    }

    [Fact]
    public void Without_dotnet_it_fingerprints_a_real_repository_registers_and_shows_a_version()
    {
        Assert.True(single.Publish.ExitCode == 0, single.Publish.ToString());
        var repo = single.NewDir("repo-" + Guid.NewGuid().ToString("N")[..8]);
        GitProcess.Run(repo, "init", "-q", "-b", "main");
        File.WriteAllText(Path.Combine(repo, "params.yaml"), "train:\n  lr: 2e-5\n  packing: yes\n");
        File.WriteAllText(Path.Combine(repo, "adapter.bin"), "weights");
        GitProcess.Run(repo, "add", "-A");
        GitProcess.Run(repo, "commit", "-q", "-m", "config");

        var bare = RunWithoutDotnet(repo, ["fingerprint", .. LineageOptions, "--json"]);
        Assert.True(bare.ExitCode == 0, bare.ToString());
        var expected = Command.Run(Command.Dotnet, [RepoPaths.CliDll, "fingerprint", .. LineageOptions, "--json"], repo);
        Assert.True(expected.ExitCode == 0, expected.ToString());
        Assert.Equal(Fingerprint(expected.Output), Fingerprint(bare.Output));

        var register = RunWithoutDotnet(repo, ["register", "demo", "--version", "v0.1.0", "--artifact", "adapter.bin", .. LineageOptions, "--json"]);
        Assert.True(register.ExitCode == 0, register.ToString());
        var show = RunWithoutDotnet(repo, ["show", "demo@v0.1.0", "--json"]);
        Assert.True(show.ExitCode == 0, show.ToString());
        Assert.Contains(Fingerprint(expected.Output), show.Output);
        Assert.Contains("demo@v0.1.0", GitProcess.Run(repo, "tag", "-l"));
    }

    [Fact]
    public void Without_dotnet_it_runs_quickstart_and_explain()
    {
        Assert.True(single.Publish.ExitCode == 0, single.Publish.ToString());
        var dir = single.NewDir("quickstart-" + Guid.NewGuid().ToString("N")[..8]);

        var explain = RunWithoutDotnet(dir, ["explain", "PIPE2003"]);
        var quickstart = RunWithoutDotnet(dir, ["quickstart", "--dir", Path.Combine(dir, "demo")]);

        Assert.True(explain.ExitCode == 0, explain.ToString());
        Assert.Contains("PIPE2003", explain.Output);
        Assert.True(quickstart.ExitCode == 0, quickstart.ToString());
        Assert.True(File.Exists(Path.Combine(dir, "demo", "dvc.lock")));
    }

    private static string Fingerprint(string json) => JsonDocument.Parse(json).RootElement.GetProperty("fingerprint").GetString()!;

    /// <summary>Runs the executable with a PATH that holds git alone and no DOTNET_* variable at all.</summary>
    private Command.Result RunWithoutDotnet(string workingDirectory, string[] arguments)
    {
        var bin = single.NewDir("bin");
        var git = Path.Combine(bin, "git");
        if (!File.Exists(git))
        {
            File.CreateSymbolicLink(git, Which("git"));
        }

        var start = new ProcessStartInfo(single.Executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (
            var name in start.Environment.Keys.Where(k => k.StartsWith("DOTNET_", StringComparison.Ordinal)
                || k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase))
                .ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["PATH"] = bin;
        start.Environment["GIT_AUTHOR_NAME"] = start.Environment["GIT_COMMITTER_NAME"] = "Single File";
        start.Environment["GIT_AUTHOR_EMAIL"] = start.Environment["GIT_COMMITTER_EMAIL"] = "single@file.invalid";
        Assert.DoesNotContain(start.Environment["PATH"]!.Split(Path.PathSeparator), d => File.Exists(Path.Combine(d, "dotnet")));

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(120_000), "the single-file executable did not finish in 2 minutes");
        // stdout alone when it worked (a --json document); with stderr when it did not, for the failure message.
        return new Command.Result(process.ExitCode, process.ExitCode == 0 ? stdout.Result : stdout.Result + "\n--- stderr\n" + stderr.Result);
    }

    private static string Which(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists)
        ?? throw new FileNotFoundException(name + " is not on PATH");
}
