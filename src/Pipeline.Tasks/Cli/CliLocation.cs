namespace Pipeline.Tasks.Cli;

/// <summary>
/// Where the CLI is and how to start it. A <c>.dll</c> runs under the dotnet host that runs the build
/// (<c>DOTNET_HOST_PATH</c>), not whatever <c>dotnet</c> is first on PATH; anything else (a script, an apphost)
/// is started directly, which is how tests put a fake CLI in.
/// </summary>
internal sealed record CliLocation(string FileName, IReadOnlyList<string> Prefix)
{
    // Package layout: tasks/net10.0/Pipeline.Tasks.dll next to tools/cli/pipeline.dll.
    public static string DefaultCliPath()
    {
        var tasksDir = Path.GetDirectoryName(typeof(CliLocation).Assembly.Location) ?? AppContext.BaseDirectory;
        return Path.GetFullPath(Path.Combine(tasksDir, "..", "..", "tools", "cli", "pipeline.dll"));
    }

    public static CliLocation For(string cliPath, string? dotnetHost)
    {
        if (!cliPath.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            return new CliLocation(cliPath, []);
        }

        var host = !string.IsNullOrEmpty(dotnetHost) ? dotnetHost
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } fromEnv ? fromEnv
            : "dotnet";

        // Roll forward so a package built for net10.0 keeps working under a later SDK's runtime.
        return new CliLocation(host, ["exec", "--roll-forward", "Major", cliPath]);
    }
}
