using System.Diagnostics;

namespace Pipeline.Testing;

/// <summary>
/// The real git CLI, run in a folder. Identity and signing are passed per command (<c>-c</c>), so a clone, a bare
/// remote or a CI machine without a global identity all behave alike; prompts are off so a test never hangs.
/// </summary>
public static class GitProcess
{
    public const string UserName = "Pipeline Tests";

    public const string UserEmail = "tests@pipeline.invalid";

    /// <summary>Runs git and returns its stdout; a non-zero exit throws with git's stderr.</summary>
    public static string Run(string directory, params string[] args)
    {
        var (code, output, error) = TryRun(directory, args);
        if (code != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', args)} failed ({code}): {error}");
        }

        return output;
    }

    public static (int Code, string Out, string Err) TryRun(string directory, params string[] args) =>
        TryRun(directory, null, args);

    /// <summary>Runs git with <paramref name="input"/> on stdin (fast-import, hash-object --stdin).</summary>
    public static (int Code, string Out, string Err) TryRun(string directory, string? input, params string[] args)
    {
        var psi = new ProcessStartInfo("git")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = input is not null,
            UseShellExecute = false,
        };
        foreach (var a in (string[])["-c", "user.name=" + UserName, "-c", "user.email=" + UserEmail,
                     "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false", .. args])
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["GIT_TERMINAL_PROMPT"] = "0";
        psi.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        using var p = Process.Start(psi)!;
        if (input is not null)
        {
            p.StandardInput.Write(input);
            p.StandardInput.Close();
        }

        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        return (p.ExitCode, output.Result, error.Result);
    }
}
