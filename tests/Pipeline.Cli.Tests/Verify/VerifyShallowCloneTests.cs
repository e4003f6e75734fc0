
namespace Pipeline.Cli.Tests.Verify;

/// <summary>
/// CI checks out one commit deep by default. Verify must fetch exactly what it needs (the base, then history down to
/// the training commit) with the git CLI, never assuming fetch-depth: 0.
/// </summary>
public sealed class VerifyShallowCloneTests
{
    [Fact]
    public void Shallow_clone_fetches_the_base_and_the_training_commit()
    {
        using var s = new VerifyScenario();
        for (var i = 0; i < 5; i++)
        {
            s.Repo.Write("notes.txt", $"step {i}\n");
            s.Repo.Commit($"work {i}");
        }

        s.Repo.Write("registry/demo/v0.0.1.json", VerifyScenario.Record(s.Fingerprint(data: ["--data-version", "label"]), new string('c', 64)));
        s.Repo.Commit("register");
        using var clone = new TempGitRepo();
        Directory.Delete(clone.Root, recursive: true);
        GitProcess.Run(Path.GetTempPath(), "clone", "-q", "--depth=1", "--branch", "register", "file://" + s.Repo.Root, clone.Root);
        Assert.Equal("true", GitProcess.Run(clone.Root, "rev-parse", "--is-shallow-repository").Trim());

        var result = CliRunner.Run("verify", "--repo", clone.Root, "--base", "main", "--json");

        var findings = VerifyChangeTests.Findings(result);
        Assert.DoesNotContain(findings, f => f.Code is "PIPE2503" or "PIPE2504" or "PIPE3903");
        Assert.Contains(findings, f => f.Code == "PIPE2506"); // the record's own problem is still found
        Assert.Equal(1, result.Json.GetProperty("versions").GetArrayLength());
    }

    [Fact]
    public void Without_fetching_a_shallow_clone_says_what_to_add_to_the_workflow()
    {
        using var s = new VerifyScenario();
        s.Repo.Write("registry/demo/v0.0.1.json", VerifyScenario.Record(s.Fingerprint(data: ["--data-version", "label"]), new string('c', 64)));
        s.Repo.Commit("register");
        using var clone = new TempGitRepo();
        Directory.Delete(clone.Root, recursive: true);
        GitProcess.Run(Path.GetTempPath(), "clone", "-q", "--depth=1", "--branch", "register", "file://" + s.Repo.Root, clone.Root);

        var result = CliRunner.Run("verify", "--repo", clone.Root, "--base", "main", "--no-fetch", "--json");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("fetch-depth: 0", result.Stderr);
    }
}
