using System.IO.Compression;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
using Pipeline.Tasks.Tests.Support;

namespace Pipeline.Tasks.Tests.Package;

/// <summary>
/// The dotnet tool as release.yml packs it (-p:PipelineToolRids, docs/install.md): a pointer package, one ReadyToRun
/// package per RID and the portable `any` package; `dotnet tool install` takes the package of the machine's RID.
/// Packed for this machine's RID only: the release's other RIDs differ in nothing but the RID.
/// </summary>
public sealed class ToolPackageTests : IDisposable
{
    private const string SeedLineage = """
        {"data_version": "sft-mix-v3", "code_commit": "a1b2c3d", "config": {"lr": 2e-5, "lora_r": 16},
         "base_model": "Qwen/Qwen3-8B", "seed": 0}
        """;

    private const string SeedFingerprint = "b06a681fb46bb8d9aceed5caf216654a5dcb3ccc55f3c5965abbaae565ab830d";

    private readonly TempFolder root = new("pipeline-tool-rid");

    [Fact]
    public void The_tool_packs_ReadyToRun_per_RID_behind_a_pointer_package_and_installs_the_machine_RID()
    {
        var rid = RuntimeInformation.RuntimeIdentifier;
        var version = "0.1.0-rid." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        var feed = root.Path("feed");
        // Its own artifacts path: the RID restore never touches the assets file the solution's build uses.
        var pack = Command.Run(Command.Dotnet,
            ["pack", Path.Combine(RepoPaths.Root, "src", "Pipeline.Cli"), "-c", "Release", "-o", feed,
             "-p:PackageVersion=" + version, "-p:PipelineToolRids=" + rid, "--artifacts-path", root.Path("artifacts"),
             "-nodeReuse:false"],
            RepoPaths.Root, timeoutSeconds: 900);
        Assert.True(pack.ExitCode == 0, pack.ToString());

        var packages = Directory.GetFiles(feed, "*.nupkg").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        string[] expected = [$"Pipeline.Cli.{version}.nupkg", $"Pipeline.Cli.any.{version}.nupkg", $"Pipeline.Cli.{rid}.{version}.nupkg"];
        Assert.Equal(expected.Order(StringComparer.Ordinal), packages);

        // The pointer carries no code: the tool settings name one package per RID, and the Python trainer file.
        using (var pointer = ZipFile.OpenRead(Path.Combine(feed, $"Pipeline.Cli.{version}.nupkg")))
        {
            var entries = pointer.Entries.Select(e => e.FullName).ToArray();
            Assert.DoesNotContain(entries, e => e.EndsWith(".dll", StringComparison.Ordinal));
            Assert.Contains("content/python/pipeline_run.py", entries);
            var settings = Read(pointer, entries.Single(e => e.EndsWith("DotnetToolSettings.xml", StringComparison.Ordinal)));
            Assert.Contains($"RuntimeIdentifier=\"{rid}\" Id=\"Pipeline.Cli.{rid}\"", settings);
            Assert.Contains("RuntimeIdentifier=\"any\" Id=\"Pipeline.Cli.any\"", settings);
        }

        // `any` is portable IL (no precompiled code, every RID's libgit2); the RID package is ReadyToRun, its libgit2 only.
        using (var any = ZipFile.OpenRead(Path.Combine(feed, $"Pipeline.Cli.any.{version}.nupkg")))
        {
            Assert.False(IsReadyToRun(Bytes(any, "tools/net10.0/any/pipeline.dll")));
            Assert.Contains(any.Entries, e => e.FullName.StartsWith("tools/net10.0/any/runtimes/win-x64/", StringComparison.Ordinal));
        }

        using (var specific = ZipFile.OpenRead(Path.Combine(feed, $"Pipeline.Cli.{rid}.{version}.nupkg")))
        {
            foreach (var assembly in (string[])["pipeline.dll", "Pipeline.Core.dll", "Pipeline.Git.dll"])
            {
                Assert.True(IsReadyToRun(Bytes(specific, $"tools/net10.0/{rid}/{assembly}")), assembly + " is not ReadyToRun");
            }

            Assert.DoesNotContain(specific.Entries, e => e.FullName.Contains("/runtimes/", StringComparison.Ordinal));
        }

        var tools = root.Path("tools");
        var install = Command.Run(Command.Dotnet,
            ["tool", "install", "Pipeline.Cli", "--version", version, "--tool-path", tools, "--add-source", feed],
            root.Root);
        Assert.True(install.ExitCode == 0, install.ToString());
        var installed = Directory.GetFiles(tools, "pipeline.dll", SearchOption.AllDirectories);
        Assert.Single(installed);
        Assert.True(IsReadyToRun(File.ReadAllBytes(installed[0])), installed[0]);

        var pipeline = Path.Combine(tools, OperatingSystem.IsWindows() ? "pipeline.exe" : "pipeline");
        var lineage = root.Write("lineage.json", SeedLineage);
        var fingerprint = Command.Run(pipeline, ["fingerprint", "--lineage", lineage], root.Root);
        Assert.True(fingerprint.ExitCode == 0, fingerprint.ToString());
        Assert.Equal(SeedFingerprint, fingerprint.Output.Trim());

        // A git-reading verb: libgit2 is found beside the RID package's assemblies.
        var quickstart = Command.Run(pipeline, ["quickstart", "--dir", root.Path("demo")], root.Root);
        Assert.True(quickstart.ExitCode == 0, quickstart.ToString());
        var list = Command.Run(pipeline, ["list", "--repo", root.Path("demo")], root.Root);
        Assert.True(list.ExitCode == 0, list.ToString());
    }

    public void Dispose() => root.Dispose();

    // A ReadyToRun image has a managed native header (the precompiled code's directory) in its CLI header.
    private static bool IsReadyToRun(byte[] image)
    {
        using var reader = new PEReader(new MemoryStream(image));
        return reader.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0;
    }

    private static byte[] Bytes(ZipArchive zip, string entry)
    {
        using var stream = zip.GetEntry(entry)?.Open() ?? throw new FileNotFoundException("not in the package", entry);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static string Read(ZipArchive zip, string entry) => System.Text.Encoding.UTF8.GetString(Bytes(zip, entry));
}
