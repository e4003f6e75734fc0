
namespace Pipeline.Cli.Tests.Registry;

/// <summary>pipeline.yaml's registry.folder is honoured by every registry verb, not only by register.</summary>
public sealed class RegistryLocationTests
{
    [Fact]
    public void Show_list_and_history_read_the_configured_folder()
    {
        using var repo = new TempGitRepo();
        repo.Write("pipeline.yaml", "registry:\n  folder: models\n");
        var lineage = repo.Write("lineage.json",
            """{"data_version": "sft-mix-v3", "code_commit": "a1b2c3d", "config": {"lr": 2e-5}, "base_model": "Qwen/Qwen3-8B", "seed": 0}""");
        repo.Commit("project");

        var register = CliRunner.Run("register", "demo", "--lineage", lineage, "--repo", repo.Root, "--json");
        Assert.True(register.ExitCode == 0, register.Stderr);
        Assert.True(File.Exists(Path.Combine(repo.Root, "models", "demo", "v0.0.1.json")));

        var show = CliRunner.Run("show", "demo@v0.0.1", "--repo", repo.Root, "--json");
        Assert.True(show.ExitCode == 0, show.Stderr);
        Assert.Equal("v0.0.1", show.Json.GetProperty("version").GetString());
        Assert.Equal(register.Json.GetProperty("fingerprint").GetString(), show.Json.GetProperty("fingerprint").GetString());

        var history = CliRunner.Run("history", "demo", "--repo", repo.Root, "--json");
        Assert.True(history.ExitCode == 0, history.Stderr);
        Assert.Contains(history.Json.GetProperty("events").EnumerateArray(), e => e.GetProperty("kind").GetString() == "registration");
    }

    [Fact]
    public void An_explicit_folder_still_wins()
    {
        using var repo = new TempGitRepo();
        repo.Write("pipeline.yaml", "registry:\n  folder: models\n");
        var lineage = repo.Write("lineage.json",
            """{"data_version": "v", "code_commit": "a1b2c3d", "config": {}, "base_model": "m", "seed": 1}""");
        repo.Commit("project");

        var register = CliRunner.Run("register", "demo", "--lineage", lineage, "--repo", repo.Root, "--registry-dir", "elsewhere");

        Assert.True(register.ExitCode == 0, register.Stderr);
        Assert.True(File.Exists(Path.Combine(repo.Root, "elsewhere", "demo", "v0.0.1.json")));
        Assert.False(Directory.Exists(Path.Combine(repo.Root, "models")));
        var show = CliRunner.Run("show", "demo@v0.0.1", "--repo", repo.Root, "--registry-dir", "elsewhere", "--json");
        Assert.True(show.ExitCode == 0, show.Stderr);
    }
}
