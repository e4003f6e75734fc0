using System.Text.Json;
using Pipeline.Cli;

namespace Pipeline.Testing;

/// <summary>What one CLI call printed, as a user would see it.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public JsonElement Json => JsonDocument.Parse(Stdout).RootElement;

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}

/// <summary>
/// Runs the real CLI in-process (no process start: fast enough for hundreds of tests). Calls are serialised by one
/// lock because the CLI reads process-wide state (the current directory, GITHUB_* variables) that a test may set;
/// <see cref="RunConcurrently"/> is for race tests whose every call passes <c>--repo</c> and sets nothing.
/// </summary>
public static class CliRunner
{
    private static readonly SemaphoreSlim ProcessStateLock = new(1, 1);

    public static CliResult Run(params string[] args)
    {
        ProcessStateLock.Wait();
        try
        {
            return RunConcurrently(args);
        }
        finally
        {
            ProcessStateLock.Release();
        }
    }

    public static async Task<CliResult> RunAsync(params string[] args)
    {
        await ProcessStateLock.WaitAsync();
        try
        {
            return await Invoke(args);
        }
        finally
        {
            ProcessStateLock.Release();
        }
    }

    /// <summary>Runs the CLI with the current directory set to <paramref name="directory"/>, restored afterwards.</summary>
    public static CliResult RunIn(string directory, params string[] args)
    {
        ProcessStateLock.Wait();
        var previous = Directory.GetCurrentDirectory();
        try
        {
            Directory.SetCurrentDirectory(directory);
            return RunConcurrently(args);
        }
        finally
        {
            Directory.SetCurrentDirectory(previous);
            ProcessStateLock.Release();
        }
    }

    public static CliResult RunConcurrently(params string[] args) => Invoke(args).GetAwaiter().GetResult();

    private static async Task<CliResult> Invoke(string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CliApp.RunAsync(args, stdout, stderr);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }
}
