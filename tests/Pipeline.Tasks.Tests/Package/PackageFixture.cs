using System.Diagnostics;
using System.IO.Compression;
using Pipeline.Tasks.Tests.Support;

namespace Pipeline.Tasks.Tests.Package;

/// <summary>
/// Packs Pipeline.Tasks once for the class into a temp folder feed, with a version no other feed has, and an isolated
/// NuGet cache: what the consuming builds restore is this package, never a stale copy from the machine's cache.
/// </summary>
public sealed class PackageFixture : IDisposable
{
#if DEBUG
    public const string Configuration = "Debug";
#else
    public const string Configuration = "Release";
#endif

    private readonly TempFolder root = new("pipeline-package");

    public PackageFixture()
    {
        Feed = root.Path("feed");
        Version = "0.1.0-e2e." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        Environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = root.Path("nuget-cache") };
        // The machine's package sources stay (Microsoft.NET.Sdk dependencies restore from them); the feed is added.
        root.Write("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="pipeline-e2e" value="{Feed}" />
              </packageSources>
            </configuration>
            """);
        var watch = Stopwatch.StartNew();
        Pack = Command.Run(Command.Dotnet,
            ["pack", Path.Combine(RepoPaths.Root, "src", "Pipeline.Tasks"), "-c", Configuration, "-o", Feed,
             "-p:PackageVersion=" + Version, "-nodeReuse:false"],
            RepoPaths.Root, Environment, timeoutSeconds: 900); // restores into an empty cache: minutes on a loaded machine
        PackTime = watch.Elapsed;
        Package = Path.Combine(Feed, $"Pipeline.Tasks.{Version}.nupkg");
    }

    public string Feed { get; }

    public string Version { get; }

    public string Package { get; }

    public Command.Result Pack { get; }

    public TimeSpan PackTime { get; }

    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>A new project folder under the fixture's root (so it sees the fixture's nuget.config).</summary>
    public string NewProjectDir(string name)
    {
        var dir = root.Path(name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    public string[] Entries()
    {
        using var zip = ZipFile.OpenRead(Package);
        return zip.Entries.Select(e => e.FullName).ToArray();
    }

    public Command.Result Dotnet(string directory, params string[] arguments) =>
        Command.Run(Command.Dotnet, [.. arguments, "-nodeReuse:false", "-p:PipelineTasksVersion=" + Version], directory, Environment);

    public void Dispose() => root.Dispose();
}
