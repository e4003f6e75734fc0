using System.CommandLine;
using Pipeline.Core.Diagnostics;

namespace Pipeline.Cli.Commands.Quickstart;

/// <summary><c>pipeline quickstart</c>: the whole story on a throw-away training repository built from samples/demo.</summary>
internal static class QuickstartCommand
{
    public static Command Build(CliConsole console)
    {
        var dir = new Option<string?>("--dir") { Description = "Where to create the demo repository (default: a new temp folder)." };
        var json = Verb.JsonOption();
        var command = new Command("quickstart", "Run the built-in demo: lineage, fingerprint, runs, registry, gate, promotion and the PR check.")
        {
            dir,
            json
        };
        Verb.SetAction(command, console, json, parse =>
        {
            var root = parse.GetValue(dir) ?? Path.Combine(Path.GetTempPath(), "pipeline-quickstart-" + Guid.NewGuid().ToString("N")[..8]);
            var story = new QuickstartStory(console, Path.GetFullPath(root));
            story.Tell();
            return ExitCodes.Success;
        });
        return command;
    }
}
