using System.Diagnostics;

namespace Pipeline.Cli.Tests.Hostile;

/// <summary>The built CLI (pipeline.dll beside the tests) as a separate process: what kill -9 and flock tests need.</summary>
internal static class PipelineProcess
{
    public static Process Start(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "pipeline.dll"));
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment.Remove("GITHUB_ACTIONS");
        return Process.Start(psi)!;
    }

    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        using var p = Start(args);
        var o = p.StandardOutput.ReadToEndAsync();
        var e = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        return (p.ExitCode, o.Result, e.Result);
    }
}
