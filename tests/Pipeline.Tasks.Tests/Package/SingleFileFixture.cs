using Pipeline.Tasks.Tests.Support;

namespace Pipeline.Tasks.Tests.Package;

/// <summary>
/// Publishes the release's linux-x64 executable once for the class, exactly as .github/workflows/release.yml does
/// (self-contained, single file, LibGit2Sharp's native library extracted from inside the bundle), minus ReadyToRun,
/// which changes start-up time, not behaviour, and would double the publish time on a 2-core CI machine.
/// </summary>
public sealed class SingleFileFixture : IDisposable
{
    public const string Rid = "linux-x64";

    private readonly TempFolder root = new("pipeline-single-file");

    public SingleFileFixture()
    {
        Output = root.Path("publish");
        Publish = Command.Run(Command.Dotnet,
            ["publish", Path.Combine(RepoPaths.Root, "src", "Pipeline.Cli"), "-c", PackageFixture.Configuration, "-r", Rid,
             "--self-contained", "-p:PublishSingleFile=true", "-o", Output, "-nodeReuse:false"],
            RepoPaths.Root, timeoutSeconds: 900);
        Executable = Path.Combine(Output, "pipeline");
    }

    public Command.Result Publish { get; }

    public string Output { get; }

    public string Executable { get; }

    /// <summary>A folder for one test (removed with the fixture).</summary>
    public string NewDir(string name)
    {
        var dir = root.Path(name);
        Directory.CreateDirectory(dir);
        return dir;
    }

    public void Dispose() => root.Dispose();
}
