using Pipeline.Tasks.Tests.Support;

namespace Pipeline.Tasks.Tests.Tasks;

/// <summary>The tasks against the real CLI (pipeline.dll, run by the dotnet host like inside a build).</summary>
public sealed class RealCliTests
{
    // The seed example of the foundation issue and its reference fingerprint.
    private const string SeedLineage = """
        {"data_version": "sft-mix-v3", "code_commit": "a1b2c3d", "config": {"lr": 2e-5, "lora_r": 16},
         "base_model": "Qwen/Qwen3-8B", "seed": 0}
        """;

    private const string SeedFingerprint = "b06a681fb46bb8d9aceed5caf216654a5dcb3ccc55f3c5965abbaae565ab830d";

    [Fact]
    public void Fingerprint_of_a_lineage_file_in_a_folder_with_spaces_and_quotes()
    {
        using var dir = new TempFolder("real cli \"q\" ;");
        var lineage = dir.Write("seed lineage.json", SeedLineage);
        var task = new PipelineFingerprint { PipelineCliPath = RepoPaths.CliDll, Lineage = lineage };
        var (ok, engine) = TaskRun.Execute(task);

        Assert.True(ok, engine.Describe());
        Assert.Equal(SeedFingerprint, task.Fingerprint);
        Assert.Equal("lineage-v1", task.Scheme);
        Assert.Contains("\"base_model\"", task.LineageJson);
    }

    [Fact]
    public void A_broken_lineage_fails_with_the_cli_code_and_file()
    {
        using var dir = new TempFolder();
        var lineage = dir.Write("lineage.json", """{"data_version": "d", "code_commit": "c", "base_model": "b"}""");
        var task = new PipelineFingerprint { PipelineCliPath = RepoPaths.CliDll, Lineage = lineage };
        var (ok, engine) = TaskRun.Execute(task);

        Assert.False(ok);
        Assert.Equal(2, task.ExitCode);
        var error = Assert.Single(engine.Errors);
        Assert.Equal("PIPE2003", error.Code);
        Assert.Contains("config, seed", error.Message);
        Assert.EndsWith("lineage.json", error.File);
    }

    [Fact]
    public void A_duplicate_key_is_reported_at_its_line()
    {
        using var dir = new TempFolder();
        var lineage = dir.Write("lineage.json", "{\n\"seed\": 1,\n\"seed\": 2\n}\n");
        var (ok, engine) = TaskRun.Execute(new PipelineFingerprint { PipelineCliPath = RepoPaths.CliDll, Lineage = lineage });

        Assert.False(ok);
        var error = Assert.Single(engine.Errors);
        Assert.Equal("PIPE2002", error.Code);
        Assert.Equal(3, error.LineNumber);
    }

    [Fact]
    public void Register_then_resolve_through_the_real_cli_on_a_git_repository()
    {
        using var dir = new TempFolder("real registry");
        GitProcess.Run(dir.Root, "init", "-q", "-b", "main");
        dir.Write("README.md", "model repo\n");
        dir.Write(".gitignore", "out/\n");
        dir.Write("out/sentiment.bin", "weights"); // an artifact is recorded with its digest, relative to the repository
        GitProcess.Run(dir.Root, "add", "-A");
        GitProcess.Run(dir.Root, "commit", "-q", "-m", "init");
        var lineage = Path.Combine(Path.GetTempPath(), $"lineage-{Guid.NewGuid():N}.json");
        File.WriteAllText(lineage, SeedLineage);
        try
        {
            var register = new PipelineRegister
            {
                PipelineCliPath = RepoPaths.CliDll, Repo = dir.Root, Model = "sentiment", Lineage = lineage,
                Artifact = "out/sentiment.bin", Description = "first; \"quoted\" --push",
            };
            var (ok, engine) = TaskRun.Execute(register);
            Assert.True(ok, engine.Describe());
            Assert.Equal("0.0.1", register.RegisteredVersion?.TrimStart('v'));
            Assert.Equal(SeedFingerprint, register.Fingerprint);
            Assert.Equal("sentiment@v0.0.1", register.Tag);

            // No alias yet: the CLI's own error code reaches MSBuild.
            var resolve = new PipelineResolveAlias { PipelineCliPath = RepoPaths.CliDll, Repo = dir.Root, Model = "sentiment", Alias = "production" };
            (ok, engine) = TaskRun.Execute(resolve);
            Assert.False(ok);
            Assert.StartsWith("PIPE3", Assert.Single(engine.Errors).Code);
        }
        finally
        {
            File.Delete(lineage);
        }
    }
}
