using System.Diagnostics;
using System.Text;

namespace Pipeline.Tasks.Cli;

/// <summary>
/// Runs the CLI once and captures its streams. Both streams are read asynchronously: reading one to the end while the
/// other fills its pipe buffer would deadlock a chatty CLI.
/// </summary>
internal static class CliProcess
{
    public static CliResult Run(CliLocation location, IReadOnlyList<string> arguments, string? workingDirectory,
        TimeSpan timeout, CancellationToken cancel)
    {
        var start = new ProcessStartInfo(location.FileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            CreateNoWindow = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        if (!string.IsNullOrEmpty(workingDirectory))
        {
            start.WorkingDirectory = workingDirectory;
        }

        foreach (var argument in location.Prefix.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        // The CLI must answer in the invariant form the tasks parse, whatever the build machine's culture or
        // colour settings are.
        start.Environment["NO_COLOR"] = "1";
        start.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";

        StartLog.Append(location, arguments);
        using var process = new Process { StartInfo = start };
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(stderr, e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var registration = cancel.Register(() => Kill(process));
        var exited = process.WaitForExit((int)Math.Min(int.MaxValue, timeout.TotalMilliseconds));
        if (!exited)
        {
            Kill(process);
        }

        // Drain the asynchronous readers (the parameterless overload waits for end of stream).
        process.WaitForExit();
        return new CliResult(exited ? process.ExitCode : -1, Text(stdout), Text(stderr), !exited);
    }

    private static void Append(StringBuilder buffer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (buffer)
        {
            buffer.Append(line).Append('\n');
        }
    }

    private static string Text(StringBuilder buffer)
    {
        lock (buffer)
        {
            return buffer.ToString();
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }
}
