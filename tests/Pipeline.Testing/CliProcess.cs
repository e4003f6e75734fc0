using System.Diagnostics;

namespace Pipeline.Testing;

/// <summary>
/// Runs the built CLI (<c>dotnet pipeline.dll</c>) as its own process: for tests that need what in-process runs cannot
/// give (the action's view of it, a killed writer). GITHUB_ACTIONS is removed so setup calls write no runner files.
/// </summary>
public static class CliProcess
{
    public static CliResult Run(string workingDirectory, params string[] args) => Run(workingDirectory, null, args);

    /// <summary>As <see cref="Run(string,string[])"/>, with environment variables set (a null value removes one).</summary>
    public static CliResult Run(string workingDirectory, IReadOnlyDictionary<string, string?>? environment, params string[] args) =>
        RunExecutable(null, workingDirectory, environment, args);

    /// <summary>
    /// As <see cref="Run(string,IReadOnlyDictionary{string,string},string[])"/>, with another build of the CLI: a native
    /// executable (the Native AOT publish), or null for <c>dotnet pipeline.dll</c>.
    /// </summary>
    public static CliResult RunExecutable(
        string? executable,
        string workingDirectory,
        IReadOnlyDictionary<string, string?>? environment,
        params string[] args)
    {
        var start = new ProcessStartInfo(executable ?? Dotnet)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in executable is null ? (string[])[RepoPaths.CliDll, .. args] : args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("GITHUB_ACTIONS");
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return new CliResult(process.ExitCode, stdout.Result, stderr);
    }

    /// <summary>Runs and returns the trimmed stdout; a non-zero exit throws with everything printed.</summary>
    public static string Succeed(string workingDirectory, params string[] args)
    {
        var result = Run(workingDirectory, args);
        return result.ExitCode == 0
            ? result.Stdout.Trim()
            : throw new InvalidOperationException($"pipeline {string.Join(' ', args)}: {result}");
    }

    /// <summary>The dotnet host running this build (DOTNET_HOST_PATH), else the one on PATH.</summary>
    public static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
}
