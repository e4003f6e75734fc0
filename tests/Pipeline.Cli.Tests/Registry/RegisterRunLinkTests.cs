
namespace Pipeline.Cli.Tests.Registry;

/// <summary>register --run links a version to the run that produced it, and runs prune never removes that run.</summary>
public sealed class RegisterRunLinkTests
{
    [Fact]
    public void A_linked_run_survives_prune_and_an_unlinked_one_does_not()
    {
        using var repo = new TempGitRepo();
        repo.Write("README.md", "demo\n");
        repo.Commit("init");
        var fixture = Path.Combine(RepoPaths.Root, "tests", "fixtures", "tracking", "jsonl", "grpo-run.jsonl");
        string Ingest() =>
            CliRunner.Run("runs", "ingest", fixture, "--again", "--commit", "--repo", repo.Root, "--json").Json.GetProperty("id").GetString()!;
        var linked = Ingest();
        var loose = Ingest();
        var lineage = repo.Write("lineage.json", """{"data_version": "v", "code_commit": "a1b2c3d", "config": {}, "base_model": "m", "seed": 1}""");

        var register = CliRunner.Run("register", "demo", "--lineage", lineage, "--run", linked, "--repo", repo.Root);
        Assert.True(register.ExitCode == 0, register.Stderr);
        Assert.Contains($"\"run\": \"{linked}\"", File.ReadAllText(Path.Combine(repo.Root, "registry", "demo", "v0.0.1.json")));

        var prune = CliRunner.Run("runs", "prune", "--older-than", "0d", "--repo", repo.Root);

        Assert.True(prune.ExitCode == 0, prune.Stderr);
        Assert.True(File.Exists(Path.Combine(repo.Root, "registry", "runs", linked + ".json")));
        Assert.False(File.Exists(Path.Combine(repo.Root, "registry", "runs", loose + ".json")));
    }

    [Fact]
    public void An_unknown_run_is_refused_before_anything_is_written()
    {
        using var repo = new TempGitRepo();
        var lineage = repo.Write("lineage.json", """{"data_version": "v", "code_commit": "a1b2c3d", "config": {}, "base_model": "m", "seed": 1}""");
        repo.Commit("init");

        var register = CliRunner.Run("register", "demo", "--lineage", lineage, "--run", "20990101-nope", "--repo", repo.Root);

        Assert.Equal(2, register.ExitCode);
        Assert.Contains("PIPE3504", register.Stderr);
        Assert.False(Directory.Exists(Path.Combine(repo.Root, "registry", "demo")));
        Assert.Equal("", repo.Git("tag", "-l"));
    }
}
