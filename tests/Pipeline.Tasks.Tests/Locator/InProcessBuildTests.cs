using Microsoft.Build.Evaluation;
using Microsoft.Build.Execution;
using Microsoft.Build.Framework;

namespace Pipeline.Tasks.Tests.Locator;

/// <summary>
/// The props and targets, evaluated and built in this process by the SDK's MSBuild (Microsoft.Build.Locator), with the
/// tasks from this build's output and the real CLI. One class: in-process builds share one BuildManager. Not in
/// parallel with other tests: an in-process build moves the process's current directory, which child processes of
/// other tests would inherit.
/// </summary>
[Collection(nameof(InProcessBuildTests))]
public sealed class InProcessBuildTests
{
    private const string SeedFingerprint = "b06a681fb46bb8d9aceed5caf216654a5dcb3ccc55f3c5965abbaae565ab830d";

    private static readonly string BuildFolder = Path.Combine(RepoPaths.Root, "src", "Pipeline.Tasks", "build");

    [Fact]
    public void Evaluation_sets_the_defaults_and_every_switch_turns_the_targets_off()
    {
        using var dir = new TempFolder();
        var project = WriteProject(dir, "");

        var plain = Evaluate(project);
        Assert.Equal(dir.Root, plain.GetPropertyValue("PipelineRepo"));
        Assert.Equal("true", plain.GetPropertyValue("_PipelineActive"));
        Assert.Equal("", plain.GetPropertyValue("_PipelineServing"));
        Assert.Equal("Core", plain.GetPropertyValue("_PipelineTaskHost"));

        var serving = Evaluate(project, ("PipelineModel", "m"), ("PipelineAlias", "production"));
        Assert.Equal("true", serving.GetPropertyValue("_PipelineServing"));

        Assert.Equal("", Evaluate(project, ("PipelineSkip", "true")).GetPropertyValue("_PipelineActive"));
        Assert.Equal("", Evaluate(project, ("DesignTimeBuild", "true"), ("PipelineModel", "m"), ("PipelineAlias", "a"))
            .GetPropertyValue("_PipelineServing"));
    }

    [Fact]
    public void The_fingerprint_target_runs_the_real_cli_and_logs_a_high_importance_message()
    {
        using var dir = new TempFolder("in process");
        dir.Write("lineage.json", """
            {"data_version": "sft-mix-v3", "code_commit": "a1b2c3d", "config": {"lr": 2e-5, "lora_r": 16},
             "base_model": "Qwen/Qwen3-8B", "seed": 0}
            """);
        var project = WriteProject(dir, "<PipelineLineage>lineage.json</PipelineLineage>");

        var (ok, instance, logger) = Build(project, "PipelineFingerprint");

        Assert.True(ok, logger.Describe());
        Assert.Equal(SeedFingerprint, instance.GetPropertyValue("PipelineFingerprintValue"));
        Assert.Contains(logger.Messages, m => m.Importance == MessageImportance.High && m.Message == "Pipeline fingerprint: " + SeedFingerprint);
    }

    [Fact]
    public void A_broken_lineage_fails_the_target_with_the_cli_code()
    {
        using var dir = new TempFolder();
        dir.Write("lineage.json", """{"seed": 1}""");
        var project = WriteProject(dir, "<PipelineLineage>lineage.json</PipelineLineage>");

        var (ok, _, logger) = Build(project, "PipelineFingerprint");

        Assert.False(ok);
        var error = Assert.Single(logger.Errors);
        Assert.Equal("PIPE2003", error.Code);
        Assert.Equal("lineage.json", Path.GetFileName(error.File));
    }

    [Fact]
    public void Design_time_builds_and_PipelineSkip_never_start_the_cli()
    {
        using var dir = new TempFolder();
        // A CLI path that does not exist: starting it would be error PIPE0901.
        var project = WriteProject(dir, "<PipelineLineage>lineage.json</PipelineLineage><PipelineCliPath>/no/such/pipeline.dll</PipelineCliPath>");

        var (designTime, _, logger1) = Build(project, "PipelineFingerprint", ("DesignTimeBuild", "true"));
        var (skipped, _, logger2) = Build(project, "PipelineFingerprint", ("PipelineSkip", "true"));
        var (real, _, logger3) = Build(project, "PipelineFingerprint");

        Assert.True(designTime, logger1.Describe());
        Assert.True(skipped, logger2.Describe());
        Assert.False(real);
        Assert.Equal("PIPE0901", Assert.Single(logger3.Errors).Code);
    }

    [Fact]
    public void Register_without_a_model_is_refused_by_the_target()
    {
        using var dir = new TempFolder();
        var project = WriteProject(dir, "");

        var (ok, _, logger) = Build(project, "PipelineRegister");

        Assert.False(ok);
        Assert.Equal("PIPE0910", Assert.Single(logger.Errors).Code);
    }

    private static string WriteProject(TempFolder dir, string properties) => dir.Write("test.proj", $"""
        <Project>
          <PropertyGroup>
            <PipelineTasksAssembly>{typeof(PipelineCliTask).Assembly.Location}</PipelineTasksAssembly>
            <PipelineCliPath>{RepoPaths.CliDll}</PipelineCliPath>
          </PropertyGroup>
          <Import Project="{Path.Combine(BuildFolder, "Pipeline.Tasks.props")}" />
          <PropertyGroup>
            {properties}
          </PropertyGroup>
          <Import Project="{Path.Combine(BuildFolder, "Pipeline.Tasks.targets")}" />
        </Project>
        """);

    private static Project Evaluate(string path, params (string Name, string Value)[] globals)
    {
        using var collection = new ProjectCollection(globals.ToDictionary(g => g.Name, g => g.Value));
        return collection.LoadProject(path);
    }

    private static (bool Ok, ProjectInstance Instance, RecordingLogger Logger) Build(string path, string target,
        params (string Name, string Value)[] globals)
    {
        using var collection = new ProjectCollection(globals.ToDictionary(g => g.Name, g => g.Value));
        var instance = collection.LoadProject(path).CreateProjectInstance();
        var logger = new RecordingLogger();
        var current = Directory.GetCurrentDirectory();
        try
        {
            var ok = instance.Build([target], [logger]);
            return (ok, instance, logger);
        }
        finally
        {
            Directory.SetCurrentDirectory(current);
        }
    }
}

[CollectionDefinition(nameof(InProcessBuildTests), DisableParallelization = true)]
public sealed class InProcessBuildCollection;
