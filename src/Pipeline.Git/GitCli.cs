using System.ComponentModel;
using System.Diagnostics;
using Pipeline.Core.Diagnostics;

namespace Pipeline.Git;

/// <summary>The result of one git process: exit code and both streams (credentials already removed).</summary>
public sealed record GitOutput(int ExitCode, string StdOut, string StdErr)
{
    public bool Ok => ExitCode == 0;
}

/// <summary>
/// Runs the git CLI. Used where libgit2 falls short: compare-and-swap ref updates (<c>update-ref new old</c>),
/// <c>push --atomic</c> and fetch with the credentials actions/checkout leaves (libgit2 ignores http.extraheader).
/// Output passes through <see cref="UrlRedaction"/> so a token in a remote URL never reaches a log.
/// </summary>
public static class GitCli
{
    public static GitOutput Run(string workingDirectory, params string[] args) => Run(workingDirectory, (IEnumerable<string>)args);

    public static GitOutput Run(
        string workingDirectory,
        IEnumerable<string> args,
        string? stdin = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo("git")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        // Never block on a credential prompt in CI, and keep git's messages parseable.
        psi.Environment["GIT_TERMINAL_PROMPT"] = "0";
        psi.Environment["LC_ALL"] = "C";
        psi.Environment["LANGUAGE"] = "C";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[name] = value;
        }

        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new Win32Exception("no process");
        }
        catch (Win32Exception ex)
        {
            throw new PipelineException(PipeCodes.GitMissing, "cannot run git: " + ex.Message);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (stdin is not null)
            {
                process.StandardInput.Write(stdin);
                process.StandardInput.Close();
            }

            process.WaitForExit();
            return new GitOutput(process.ExitCode, UrlRedaction.Strip(stdout.Result), UrlRedaction.Strip(stderr.Result));
        }
    }
}
