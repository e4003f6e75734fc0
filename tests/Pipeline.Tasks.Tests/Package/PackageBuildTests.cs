using System.Text.RegularExpressions;
using Pipeline.Cli.Output.Results;
using Pipeline.Tasks.Tests.Support;

namespace Pipeline.Tasks.Tests.Package;

/// <summary>
/// The real thing (docs/design.md §9): the packed NuGet, restored from a folder feed into an isolated cache, in `dotnet build`.
/// </summary>
public sealed partial class PackageBuildTests(PackageFixture package) : IClassFixture<PackageFixture>
{
    private const string SeedLineage = """
        {"data_version": "sft-mix-v3", "code_commit": "a1b2c3d", "config": {"lr": 2e-5, "lora_r": 16},
         "base_model": "Qwen/Qwen3-8B", "seed": 0}
        """;

    private const string SeedFingerprint = "b06a681fb46bb8d9aceed5caf216654a5dcb3ccc55f3c5965abbaae565ab830d";

    [Fact]
    public void The_package_holds_tasks_cli_and_build_files_but_no_msbuild_assemblies()
    {
        Assert.True(package.Pack.ExitCode == 0, package.Pack.ToString());
        var entries = package.Entries();

        Assert.Contains("tasks/net10.0/Pipeline.Tasks.dll", entries);
        Assert.Contains("tools/cli/pipeline.dll", entries);
        Assert.Contains("tools/cli/pipeline.runtimeconfig.json", entries);
        Assert.Contains("tools/cli/pipeline.deps.json", entries);
        Assert.Contains(entries, e => Regex.IsMatch(e, @"^tools/cli/runtimes/linux-x64/native/libgit2-[0-9a-f]+\.so$"));
        Assert.Contains(entries, e => Regex.IsMatch(e, @"^tools/cli/runtimes/win-x64/native/git2-[0-9a-f]+\.dll$"));
        Assert.Contains("build/Pipeline.Tasks.props", entries);
        Assert.Contains("build/Pipeline.Tasks.targets", entries);
        Assert.Contains("buildMultiTargeting/Pipeline.Tasks.props", entries);
        Assert.Contains("buildMultiTargeting/Pipeline.Tasks.targets", entries);
        Assert.Contains("README.md", entries);
        Assert.DoesNotContain(entries, e => Path.GetFileName(e).StartsWith("Microsoft.Build", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal));
        // quickstart's demo is compiled into the CLI; no samples travel as files.
        Assert.DoesNotContain(entries, e => e.Contains("samples/", StringComparison.Ordinal) || e.Contains("demo/", StringComparison.Ordinal));

        using var zip = System.IO.Compression.ZipFile.OpenRead(package.Package);
        using var reader = new StreamReader(zip.GetEntry("Pipeline.Tasks.nuspec")!.Open());
        var nuspec = reader.ReadToEnd();
        Assert.Contains("<developmentDependency>true</developmentDependency>", nuspec);
        Assert.Contains("<license type=\"expression\">MIT</license>", nuspec);
        Assert.Contains("<readme>README.md</readme>", nuspec);
        Assert.DoesNotContain("<dependencies>", nuspec);
        // Release notes are CHANGELOG.md's section (Unreleased between tags); the commit comes from SourceLink.
        Assert.Matches(@"<releaseNotes>- [^<]+Changelog: [^<]+</releaseNotes>", nuspec);
        Assert.Matches(@"<repository type=""git""[^>]* commit=""[0-9a-f]{40}""", nuspec);
    }

    [Fact]
    public void The_cli_packs_as_a_dotnet_tool_named_pipeline()
    {
        // --no-build: this test project's reference already built the CLI in the same configuration.
        var feed = package.NewProjectDir("tool-feed");
        var pack = Command.Run(Command.Dotnet,
            ["pack", Path.Combine(RepoPaths.Root, "src", "Pipeline.Cli"), "--no-build", "-c", PackageFixture.Configuration,
             "-o", feed, "-p:PackageVersion=" + package.Version, "-nodeReuse:false"],
            RepoPaths.Root, package.Environment);
        Assert.True(pack.ExitCode == 0, pack.ToString());

        using (var zip = System.IO.Compression.ZipFile.OpenRead(Path.Combine(feed, $"Pipeline.Cli.{package.Version}.nupkg")))
        {
            var entries = zip.Entries.Select(e => e.FullName).ToArray();
            Assert.Contains("content/python/pipeline_run.py", entries);
            Assert.DoesNotContain(entries, e => e.Contains("samples/", StringComparison.Ordinal));
        }

        var tools = package.NewProjectDir("tools");
        var install = Command.Run(Command.Dotnet,
            ["tool", "install", "Pipeline.Cli", "--version", package.Version, "--tool-path", tools, "--add-source", feed],
            tools, package.Environment);
        Assert.True(install.ExitCode == 0, install.ToString());
        var pipeline = Path.Combine(tools, OperatingSystem.IsWindows() ? "pipeline.exe" : "pipeline");

        var version = Command.Run(pipeline, ["--version"], tools, package.Environment);
        Assert.True(version.ExitCode == 0, version.ToString());
        Assert.Matches(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9a-f]+)?$", version.Output.Trim());
        var explain = Command.Run(pipeline, ["explain", "PIPE2003"], tools, package.Environment);
        Assert.True(explain.ExitCode == 0, explain.ToString());
        Assert.Contains("PIPE2003", explain.Output);

        var lineage = Path.Combine(tools, "lineage.json");
        File.WriteAllText(lineage, SeedLineage);
        var run = Command.Run(pipeline, ["fingerprint", "--lineage", lineage], tools, package.Environment);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(SeedFingerprint, run.Output.Trim());

        // The installed tool carries quickstart's demo (compiled in): the whole story runs without the repository.
        var quickstart = Command.Run(pipeline, ["quickstart", "--dir", Path.Combine(tools, "demo")], tools, package.Environment);
        Assert.True(quickstart.ExitCode == 0, quickstart.ToString());
        Assert.True(File.Exists(Path.Combine(tools, "demo", "dvc.lock")));
    }

    [Fact]
    public void A_build_prints_the_fingerprint_and_a_broken_lineage_fails_it_with_the_PIPE_code()
    {
        Assert.True(package.Pack.ExitCode == 0, package.Pack.ToString());
        var dir = package.NewProjectDir("fingerprint");
        File.WriteAllText(Path.Combine(dir, "lineage.json"), SeedLineage);
        File.WriteAllText(Path.Combine(dir, "Trainer.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <PipelineLineage>lineage.json</PipelineLineage>
                <PipelineFingerprintOnBuild>true</PipelineFingerprintOnBuild>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Pipeline.Tasks" Version="$(PipelineTasksVersion)" PrivateAssets="all" />
              </ItemGroup>
            </Project>
            """);

        var build = package.Dotnet(dir, "build");
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains("Pipeline fingerprint: " + SeedFingerprint, build.Output);

        // The opt-in target on its own, as CI would run it, on a lineage that lost two fields.
        File.WriteAllText(Path.Combine(dir, "lineage.json"), """{"data_version": "d", "code_commit": "c", "base_model": "b"}""");
        var broken = package.Dotnet(dir, "msbuild", "-t:PipelineFingerprint");
        Assert.True(broken.ExitCode != 0, broken.ToString());
        Assert.Matches(@"lineage\.json(\(\d+\))?: error PIPE2003: .*config, seed", broken.Output);

        // PipelineSkip switches it off.
        var skipped = package.Dotnet(dir, "msbuild", "-t:PipelineFingerprint", "-p:PipelineSkip=true");
        Assert.True(skipped.ExitCode == 0, skipped.ToString());
        Assert.DoesNotContain("PIPE2003", skipped.Output);
    }

    [Fact]
    public void A_serving_build_embeds_the_production_model_and_its_lineage_class()
    {
        Assert.True(package.Pack.ExitCode == 0, package.Pack.ToString());
        var repo = RegistryRepo.Create(package.NewProjectDir("registry"), "sentiment", "v0.0.1", "production",
            fingerprint: "1f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c5b6a7988", artifactUri: "s3://models/sentiment/v0.0.1");
        var sample = CopySample(package.NewProjectDir("sample"));

        var build = package.Dotnet(sample, "build", "-p:PipelineRepo=" + repo);
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains("sentiment#production is v0.0.1", build.Output);

        var assembly = Directory.GetFiles(Path.Combine(sample, "bin"), "Serving.Sample.dll", SearchOption.AllDirectories).Single();
        var metadata = AssemblyMetadata.Read(assembly);
        Assert.Equal("sentiment", metadata["Pipeline.Model"]);
        Assert.Equal("production", metadata["Pipeline.Alias"]);
        Assert.Equal("0.0.1", metadata["Pipeline.Version"]?.TrimStart('v')); // "v0.0.1" or "0.0.1", as show prints it
        Assert.Equal("1f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c5b6a7988", metadata["Pipeline.Fingerprint"]);
        Assert.Equal("s3://models/sentiment/v0.0.1", metadata["Pipeline.ArtifactUri"]);

        var run = Command.Run(Command.Dotnet, [assembly], sample);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("ModelLineage.Fingerprint=1f2e3d4c5b6a7988", run.Output);
        Assert.Contains("ModelLineage.ArtifactUri=s3://models/sentiment/v0.0.1", run.Output);

        // The hand-made record's lineage (commit a1b2c3d, a made-up fingerprint) cannot recompute: the real verify
        // must fail a build that requires reproducibility, pointing at the record.
        var strict = package.Dotnet(sample, "build", "-p:PipelineRepo=" + repo, "-p:PipelineRequireReproducible=true");
        Assert.True(strict.ExitCode != 0, strict.ToString());
        Assert.Matches(@"registry/sentiment/v0\.0\.1\.json(\(\d+\))?: error PIPE\d{4}: ", strict.Output);
    }

    [Fact]
    public void The_serving_targets_embed_what_resolve_answers_and_fail_the_build_when_verify_says_no()
    {
        // A stand-in CLI for `resolve` and `verify`: this pins the targets' side of the contract whatever the verbs'
        // state in this branch (the test above runs the real `resolve`).
        Assert.True(package.Pack.ExitCode == 0, package.Pack.ToString());
        using var cli = new FakeCli()
            .RespondTo("resolve", CliDocuments.Resolve("v2.0.0", "feedface",
                new ArtifactDocument("https://models.example/sentiment \"v2\".bin", "file", "ab", null, null, null), "sentiment"))
            .RespondTo("verify", """
                {"ok": false, "versions": [{"model": "sentiment", "version": "v2.0.0", "path": "registry/sentiment/v2.0.0.json", "ok": false}],
                 "findings": [{"path": "registry/sentiment/v2.0.0.json", "line": 4, "code": "PIPE6001",
                  "message": "fingerprint does not recompute", "hint": "re-register from the commit"}]}
                """, exitCode: 1);
        var sample = CopySample(package.NewProjectDir("sample-fake"));
        GitProcess.Run(sample, "init", "-q"); // the serving build reads the tag tips of PipelineRepo (here the project) itself

        var build = package.Dotnet(sample, "build", "-p:PipelineCliPath=" + cli.Path);
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Equal(["resolve", "sentiment#production", "--repo=" + sample, "--json"], cli.ArgvOf("resolve"));
        Assert.Null(cli.ArgvOf("verify"));
        var assembly = Directory.GetFiles(Path.Combine(sample, "bin"), "Serving.Sample.dll", SearchOption.AllDirectories).Single();
        var metadata = AssemblyMetadata.Read(assembly);
        Assert.Equal("v2.0.0", metadata["Pipeline.Version"]);
        Assert.Equal("feedface", metadata["Pipeline.Fingerprint"]);
        Assert.Equal("https://models.example/sentiment \"v2\".bin", metadata["Pipeline.ArtifactUri"]);
        var run = Command.Run(Command.Dotnet, [assembly], sample);
        Assert.Contains("ModelLineage.ArtifactUri=https://models.example/sentiment \"v2\".bin", run.Output);

        var strict = package.Dotnet(sample, "build", "-p:PipelineCliPath=" + cli.Path, "-p:PipelineRequireReproducible=true");
        Assert.True(strict.ExitCode != 0, strict.ToString());
        Assert.Equal(["verify", "--repo=" + sample, "--version=sentiment@v2.0.0", "--json"], cli.ArgvOf("verify"));
        Assert.Contains("registry/sentiment/v2.0.0.json(4): error PIPE6001: fingerprint does not recompute", strict.Output);
    }

    private static string CopySample(string target)
    {
        var source = Path.Combine(RepoPaths.Root, "samples", "msbuild");
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            // bin/obj of a local build, and the sample's own nuget.config (it points at the repository's artifacts/).
            if (relative.StartsWith("bin", StringComparison.Ordinal) || relative.StartsWith("obj", StringComparison.Ordinal)
                || relative.Equals("nuget.config", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var destination = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        return target;
    }
}
