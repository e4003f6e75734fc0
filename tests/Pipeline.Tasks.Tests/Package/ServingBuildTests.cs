using System.Text.RegularExpressions;
using Pipeline.Tasks.Tests.Support;

namespace Pipeline.Tasks.Tests.Package;

/// <summary>
/// What a serving build costs, counted on the real package in `dotnet build`: every CLI process a task starts appends a
/// line to PIPELINE_TASKS_CLI_LOG, so "no CLI on a no-op build" and "once per build" are counts, not timings.
/// </summary>
public sealed partial class PackageBuildTests
{
    private const string Fingerprint1 = "1f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c5b6a7988";
    private const string Fingerprint2 = "2f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c5b6a7988";

    [Fact]
    public void A_no_op_serving_build_starts_no_cli_and_a_moved_alias_resolves_again()
    {
        Assert.True(package.Pack.ExitCode == 0, package.Pack.ToString());
        var repo = RegistryRepo.Create(package.NewProjectDir("registry"), "sentiment", "v0.0.1", "production", Fingerprint1, "s3://m/v0.0.1");
        var sample = CopySample(package.NewProjectDir("sample-noop"));
        var starts = new StartCount(package.NewProjectDir("starts"));

        var first = Build(sample, starts, "-p:PipelineRepo=" + repo);
        Assert.Equal(1, starts.Count);
        Assert.Single(Regex.Matches(first.Output, "Pipeline: sentiment#production is v0.0.1"));

        // Nothing moved: the resolution is up to date, no CLI starts, the build still says once what it serves.
        var second = Build(sample, starts, "-p:PipelineRepo=" + repo);
        Assert.Equal(1, starts.Count);
        Assert.Single(Regex.Matches(second.Output, "Pipeline: sentiment#production is v0.0.1"));

        var traced = Build(sample, starts, "-p:PipelineRepo=" + repo, "-p:PipelineVerbosity=detailed");
        Assert.Equal(1, starts.Count);
        Assert.Contains("Pipeline: inputs: 2 tag tip(s) of sentiment", traced.Output);
        Assert.Contains("pipeline-serving.stamp unchanged", traced.Output);
        Assert.Contains("Pipeline: outputs: ", traced.Output);
        Assert.DoesNotContain("Pipeline: resolving", traced.Output);

        // A promotion is a new alias tag: the stamp changes, the alias resolves again, the build embeds the new version.
        RegistryRepo.Add(repo, "sentiment", "v0.0.2", "production", 2, Fingerprint2, "s3://m/v0.0.2");
        var moved = Build(sample, starts, "-p:PipelineRepo=" + repo, "-p:PipelineVerbosity=detailed");
        Assert.Equal(2, starts.Count);
        Assert.Contains("Pipeline: resolving sentiment#production", moved.Output);
        Assert.Single(Regex.Matches(moved.Output, "Pipeline: sentiment#production is v0.0.2"));
        Assert.Equal(Fingerprint2, AssemblyMetadata.Read(SampleAssembly(sample))["Pipeline.Fingerprint"]);

        // A tag of another model is not an input; pipeline.yaml is (it may move the registry).
        GitProcess.Run(repo, "tag", "other@v1.0.0");
        Build(sample, starts, "-p:PipelineRepo=" + repo);
        Assert.Equal(2, starts.Count);
        File.WriteAllText(Path.Combine(repo, "pipeline.yaml"), "# no settings: the defaults\n");
        Build(sample, starts, "-p:PipelineRepo=" + repo);
        Assert.Equal(3, starts.Count);
    }

    [Fact]
    public void A_multi_targeted_and_multi_project_serving_build_starts_the_cli_once()
    {
        Assert.True(package.Pack.ExitCode == 0, package.Pack.ToString());
        var repo = RegistryRepo.Create(package.NewProjectDir("registry"), "sentiment", "v0.0.1", "production", Fingerprint1, "s3://m/v0.0.1");
        var dir = package.NewProjectDir("multi");
        var serving = $"""
                <PipelineModel>sentiment</PipelineModel>
                <PipelineAlias>production</PipelineAlias>
                <PipelineRepo>{repo}</PipelineRepo>
                <LangVersion>latest</LangVersion>
            """;
        Directory.CreateDirectory(Path.Combine(dir, "Lib"));
        File.WriteAllText(Path.Combine(dir, "Lib", "Lib.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFrameworks>net10.0;netstandard2.0</TargetFrameworks>
            {serving}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Pipeline.Tasks" Version="$(PipelineTasksVersion)" PrivateAssets="all" />
              </ItemGroup>
            </Project>
            """);
        Directory.CreateDirectory(Path.Combine(dir, "App"));
        File.WriteAllText(Path.Combine(dir, "App", "App.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
            {serving}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Pipeline.Tasks" Version="$(PipelineTasksVersion)" PrivateAssets="all" />
                <ProjectReference Include="../Lib/Lib.csproj" />
              </ItemGroup>
            </Project>
            """);
        // The solution builds both of Lib's target frameworks (App alone would build only the one it references).
        File.WriteAllText(Path.Combine(dir, "multi.slnx"), """
            <Solution>
              <Project Path="Lib/Lib.csproj" />
              <Project Path="App/App.csproj" />
            </Solution>
            """);
        var starts = new StartCount(package.NewProjectDir("starts"));

        // One node: Lib's outer build resolves before its two inner builds, App reuses the answer (RegisterTaskObject).
        var build = Build(dir, starts, "multi.slnx", "-m:1");
        Assert.Equal(1, starts.Count);
        Assert.Single(Regex.Matches(build.Output, "Pipeline: sentiment#production is v0.0.1"));
        foreach (var assembly in new[] { "Lib/bin/Debug/net10.0/Lib.dll", "Lib/bin/Debug/netstandard2.0/Lib.dll", "App/bin/Debug/net10.0/App.dll" })
        {
            Assert.Equal(Fingerprint1, AssemblyMetadata.Read(Path.Combine(dir, assembly))["Pipeline.Fingerprint"]);
        }

        // The alias moves; Lib alone, its inner builds free to run in parallel on two nodes: still one start for both.
        RegistryRepo.Add(repo, "sentiment", "v0.0.2", "production", 2, Fingerprint2, "s3://m/v0.0.2");
        Build(Path.Combine(dir, "Lib"), starts, "-m:2");
        Assert.Equal(2, starts.Count);
        Assert.Equal(Fingerprint2, AssemblyMetadata.Read(Path.Combine(dir, "Lib/bin/Debug/netstandard2.0/Lib.dll"))["Pipeline.Fingerprint"]);
        Assert.Equal(Fingerprint2, AssemblyMetadata.Read(Path.Combine(dir, "Lib/bin/Debug/net10.0/Lib.dll"))["Pipeline.Fingerprint"]);

        // Nothing moved since: a no-op build of everything starts nothing.
        Build(dir, starts, "multi.slnx", "-m:1");
        Assert.Equal(3, starts.Count); // App had not seen v0.0.2 yet
        Build(dir, starts, "multi.slnx");
        Assert.Equal(3, starts.Count);
    }

    [Fact]
    public void An_unreachable_registry_names_PipelineSkip_and_the_sample_builds_with_it()
    {
        Assert.True(package.Pack.ExitCode == 0, package.Pack.ToString());
        var sample = CopySample(package.NewProjectDir("sample-offline"));
        var starts = new StartCount(package.NewProjectDir("starts"));

        // An exported tree (a Docker build context without .git): no tags to resolve from.
        var offline = package.Dotnet(sample, "build");
        Assert.True(offline.ExitCode != 0, offline.ToString());
        Assert.Matches(
            @"error PIPE0915: the registry for sentiment#production is not reachable: no git repository at or above '[^']+'.*PipelineSkip=true",
            offline.Output);

        var skipped = Build(sample, starts, "-p:PipelineSkip=true");
        Assert.Equal(0, starts.Count);
        Assert.DoesNotContain("Pipeline: sentiment#production is", skipped.Output);
        var run = Command.Run(Command.Dotnet, [SampleAssembly(sample)], sample);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("ModelLineage: not resolved (built with PipelineSkip=true)", run.Output);
    }

    private Command.Result Build(string directory, StartCount starts, params string[] properties)
    {
        var environment = new Dictionary<string, string>(package.Environment) { ["PIPELINE_TASKS_CLI_LOG"] = starts.File };
        var result = Command.Run(Command.Dotnet, ["build", .. properties, "-nodeReuse:false", "-p:PipelineTasksVersion=" + package.Version],
            directory, environment);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    private static string SampleAssembly(string sample) =>
        Directory.GetFiles(Path.Combine(sample, "bin"), "Serving.Sample.dll", SearchOption.AllDirectories).Single();

    /// <summary>The CLI starts the tasks logged (one line each).</summary>
    private sealed class StartCount(string dir)
    {
        public string File { get; } = Path.Combine(dir, "cli-starts.log");

        public int Count => System.IO.File.Exists(File) ? System.IO.File.ReadAllLines(File).Length : 0;
    }
}
