using System.CommandLine;
using Pipeline.Cli.Output;
using Pipeline.Core.Diagnostics;

namespace Pipeline.Cli.Commands;

/// <summary>
/// The shared frame of every verb: the <c>--json</c> switch, and one place that turns a
/// <see cref="PipelineException"/> into the canonical error line (and, with --json, one JSON error document).
/// </summary>
internal static class Verb
{
    public static Option<bool> JsonOption() => new("--json") { Description = "Print exactly one JSON document on stdout." };

    public static Option<string?> RepoOption() => new("--repo") { Description = "The repository folder (default: the current folder)." };

    public static void SetAction(Command command, CliConsole console, Option<bool> json, Func<ParseResult, int> body)
    {
        command.SetAction(parse => Run(console, parse.GetValue(json), () => body(parse)));
    }

    public static void SetAction(Command command, CliConsole console, Option<bool> json, Func<ParseResult, CancellationToken, Task<int>> body)
    {
        command.SetAction((parse, ct) => RunAsync(console, parse.GetValue(json), () => body(parse, ct)));
    }

    public static int Run(CliConsole console, bool json, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (PipelineException ex)
        {
            return Report(console, json, ex);
        }
        catch (Exception ex) when (EnvironmentFailure.Map(ex) is { } mapped)
        {
            return Report(console, json, mapped);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return Report(console, json, Unexpected(ex));
        }
    }

    public static async Task<int> RunAsync(CliConsole console, bool json, Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (PipelineException ex)
        {
            return Report(console, json, ex);
        }
        catch (Exception ex) when (EnvironmentFailure.Map(ex) is { } mapped)
        {
            return Report(console, json, mapped);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return Report(console, json, Unexpected(ex));
        }
    }

    /// <summary>
    /// A bug or an environment failure nobody mapped yet still ends as one canonical line and exit 3, never as a stack
    /// trace in a CI log; PIPELINE_DEBUG=1 prints the trace for a bug report.
    /// </summary>
    private static PipelineException Unexpected(Exception ex)
    {
        if (Environment.GetEnvironmentVariable("PIPELINE_DEBUG") == "1")
        {
            Console.Error.WriteLine(ex);
        }

        return new PipelineException(PipeCodes.InternalError, $"unexpected {ex.GetType().Name}: {ex.Message}");
    }

    private static int Report(CliConsole console, bool json, PipelineException ex)
    {
        var diagnostic = ex.ToDiagnostic();
        console.Error.WriteLine(diagnostic.Canonical());
        if (!string.IsNullOrEmpty(diagnostic.Hint))
        {
            console.Error.WriteLine("  fix: " + Diagnostic.OneLine(diagnostic.Hint));
        }

        if (json)
        {
            JsonOut.WriteError(console.Out, diagnostic);
        }

        if (ex.Code.ExitCode is ExitCodes.BadInput or ExitCodes.Environment && Output.ActionsBridge.Enabled)
        {
            console.Flush();
            Output.ActionsBridge.Error(diagnostic, console.RawError);
        }

        return ex.Code.ExitCode;
    }
}
