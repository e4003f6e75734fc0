using System.CommandLine;
using Pipeline.Cli.Commands;
using Pipeline.Core.Diagnostics;

namespace Pipeline.Cli;

/// <summary>
/// Builds the command tree and turns every outcome into one exit code (docs/design.md §6). Verbs are small classes under
/// Commands/; each builds its own System.CommandLine command and keeps git/YAML/GitHub types out of the
/// builder, so a verb that does not need them never loads them (start-up time is a feature: see bench/).
/// </summary>
internal static class CliApp
{
    public static Task<int> RunAsync(string[] args, TextWriter? stdout = null, TextWriter? stderr = null) =>
        ExecuteAsync(args, stdout, stderr, Pipeline.Core.Text.TerminalText.InActions);

    /// <summary>As above, saying whether output is escaped for the Actions runner (tests choose; the tool reads GITHUB_ACTIONS).</summary>
    internal static async Task<int> ExecuteAsync(string[] args, TextWriter? stdout, TextWriter? stderr, bool actions)
    {
        var console = new CliConsole(stdout ?? Console.Out, stderr ?? Console.Error, actions);
        var root = new RootCommand("pipeline: git-native experiment ledger and model registry (lineage, registry, gate, verify)");
        foreach (var command in CommandCatalog.For(args, console))
        {
            root.Subcommands.Add(command);
        }

        try
        {
            return await ParseAndInvokeAsync(console, root, args);
        }
        finally
        {
            console.Flush();
        }
    }

    private static async Task<int> ParseAndInvokeAsync(CliConsole console, RootCommand root, string[] args)
    {
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                console.Error.WriteLine(new Diagnostic(Severity.Error, PipeCodes.UsageError, error.Message).Canonical());
            }

            console.Error.WriteLine("Run 'pipeline --help' or 'pipeline <verb> --help' for usage.");
            if (args.Contains("--json"))
            {
                // A caller that asked for JSON (the MSBuild tasks, the Action) parses stdout: give it the error document.
                Output.JsonOut.WriteError(console.Out, new Diagnostic(Severity.Error, PipeCodes.UsageError,
                    string.Join("; ", parse.Errors.Select(e => e.Message)), Hint: PipeCodes.UsageError.Fix));
            }

            return ExitCodes.BadInput;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = console.Out, Error = console.Error });
    }
}
