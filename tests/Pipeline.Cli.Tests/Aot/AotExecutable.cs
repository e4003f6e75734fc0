using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Pipeline.Cli.Tests.Aot;

/// <summary>
/// The Native AOT executable, published once per test class into a temp folder (its own artifacts path, so it never
/// touches the build the other tests run). Minutes of work: only when PIPELINE_AOT_TESTS=1 (.ci/run sets it).
/// </summary>
public sealed class AotExecutable : IDisposable
{
    public const string Variable = "PIPELINE_AOT_TESTS";

    private readonly string _folder = Directory.CreateTempSubdirectory("pipeline-aot-").FullName;
    private readonly Lazy<string> _path;

    public AotExecutable() => _path = new Lazy<string>(Publish);

    public static bool Enabled => Environment.GetEnvironmentVariable(Variable) == "1";

    /// <summary>The published executable (published on first use).</summary>
    public string Path => _path.Value;

    public void Dispose() => TempFolder.Delete(_folder);

    private string Publish()
    {
        var rid = RuntimeInformation.RuntimeIdentifier;
        var output = System.IO.Path.Combine(_folder, "out");
        var start = new ProcessStartInfo(CliProcess.Dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])["publish", RepoPaths.At("src", "Pipeline.Cli", "Pipeline.Cli.csproj"), "-c", "Release", "-r", rid,
                     "-p:PublishAot=true", "-o", output, "--artifacts-path", System.IO.Path.Combine(_folder, "artifacts"), "-nologo"])
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        var exe = System.IO.Path.Combine(output, OperatingSystem.IsWindows() ? "pipeline.exe" : "pipeline");
        return process.ExitCode == 0 && File.Exists(exe)
            ? exe
            : throw new InvalidOperationException($"Native AOT publish failed ({process.ExitCode}):\n{stdout.Result}\n{stderr}");
    }
}

/// <summary>A test that needs the Native AOT publish: skipped unless PIPELINE_AOT_TESTS=1.</summary>
public sealed class AotFactAttribute : FactAttribute
{
    public AotFactAttribute()
    {
        if (!AotExecutable.Enabled)
        {
            Skip = $"publishes the Native AOT executable (minutes): set {AotExecutable.Variable}=1";
        }
    }
}
