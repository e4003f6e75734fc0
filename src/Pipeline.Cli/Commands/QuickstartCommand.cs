using System.CommandLine;
using Pipeline.Core.Canonical;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Lineage;

namespace Pipeline.Cli.Commands;

/// <summary><c>pipeline quickstart</c>: the guided demo of the whole story on a throw-away repository.</summary>
internal static class QuickstartCommand
{
    public static Command Build(CliConsole console)
    {
        var json = Verb.JsonOption();
        var command = new Command("quickstart", "Run the built-in demo: lineage, fingerprint, and what changes it.") { json };
        Verb.SetAction(command, console, json, _ =>
        {
            const string seedExample = """{"data_version": "sft-mix-v3", "code_commit": "a1b2c3d", "config": {"lr": 2e-5, "lora_r": 16}, "base_model": "Qwen/Qwen3-8B", "seed": 0}""";
            var lineage = (ObjectValue)JsonReader.Parse(seedExample, "demo");
            console.Out.WriteLine("canonical:   " + Fingerprint.Canonical(lineage));
            console.Out.WriteLine("fingerprint: " + Fingerprint.Compute(lineage));
            return ExitCodes.Success;
        });
        return command;
    }
}
