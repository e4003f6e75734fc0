using System.Diagnostics;

namespace Pipeline.Git.Verify;

/// <summary>
/// Runs the git CLI for network operations: libgit2 ignores the credentials actions/checkout leaves
/// (http.extraheader), the git CLI honours them.
/// </summary>
internal static class GitCli
{
    public static (int ExitCode, string Output) Run(string workDir, params string[] args)
    {
        var psi = new ProcessStartInfo("git")
        {
            WorkingDirectory = workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.Environment["GIT_TERMINAL_PROMPT"] = "0";
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("git could not be started");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }
}
