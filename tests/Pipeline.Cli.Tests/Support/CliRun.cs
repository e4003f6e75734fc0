using System.Text.Json;

namespace Pipeline.Cli.Tests.Support;

/// <summary>Runs the CLI in-process and captures what a user would see.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public JsonElement Json => JsonDocument.Parse(Stdout).RootElement;
}

internal static class CliRun
{
    private static readonly SemaphoreSlim CurrentDirectoryLock = new(1, 1);

    public static CliResult Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        CurrentDirectoryLock.Wait();
        try
        {
            var code = CliApp.RunAsync(args, stdout, stderr).GetAwaiter().GetResult();
            return new CliResult(code, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            CurrentDirectoryLock.Release();
        }
    }
}
