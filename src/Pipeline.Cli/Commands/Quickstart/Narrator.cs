using System.Text.Json;

namespace Pipeline.Cli.Commands.Quickstart;

/// <summary>
/// Tells the demo's story: a numbered step, a sentence of why, then each command exactly as a user would type it and
/// what it printed. Commands run in-process through the real verbs, so the demo can never drift from the tool.
/// </summary>
internal sealed class Narrator(CliConsole console, string repoDir)
{
    private int _step;

    public void Step(string title, string why)
    {
        _step++;
        console.Out.WriteLine();
        console.Out.WriteLine($"── {_step}. {title}");
        console.Out.WriteLine($"   {why}");
    }

    public void Say(string text) => console.Out.WriteLine("   " + text);

    /// <summary>Runs <c>pipeline ARGS</c> in the demo repository; fails the demo when the exit code is not the expected one.</summary>
    public (int ExitCode, string Stdout, string Stderr) Run(int expectExit, params string[] args)
    {
        console.Out.WriteLine();
        console.Out.WriteLine("   $ pipeline " + string.Join(' ', args.Select(Quote)));
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CliApp.RunAsync([.. args, "--repo", repoDir], stdout, stderr).GetAwaiter().GetResult();
        foreach (var line in (stdout.ToString() + stderr.ToString()).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            console.Out.WriteLine("     " + line.TrimEnd('\r'));
        }

        if (code != expectExit)
        {
            throw new InvalidOperationException($"demo step 'pipeline {string.Join(' ', args)}' exited {code}, expected {expectExit}");
        }

        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs a verb with --json without echoing its document, for values the story needs next.</summary>
    public JsonElement Query(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CliApp.RunAsync([.. args, "--repo", repoDir, "--json"], stdout, stderr).GetAwaiter().GetResult();
        if (code != 0)
        {
            throw new InvalidOperationException($"demo query 'pipeline {string.Join(' ', args)}' exited {code}: {stderr}");
        }

        return JsonDocument.Parse(stdout.ToString()).RootElement.Clone();
    }

    private static string Quote(string arg) => arg.Length > 0 && arg.All(c => char.IsLetterOrDigit(c) || "-_./#@:=".Contains(c)) ? arg : $"'{arg}'";
}
