using Pipeline.Cli.Output;
using Pipeline.Cli.Output.Results;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Registry;

namespace Pipeline.Cli.Commands.Registry;

/// <summary>The JSON/text every alias verb (assign, unassign, rollback) prints.</summary>
internal static class AliasOutput
{
    public static int Print(CliConsole console, bool json, AliasResult r, string? remote)
    {
        if (json)
        {
            JsonOut.Write(console.Out, new AliasMoveOutput(
                r.Model, r.Alias, r.Version?.ToString(), r.Previous?.ToString(), r.Tag, r.Counter, r.Created, r.Decision.Proceed,
                r.Decision.Reason, RegistryVerb.Shown(remote)), CliJsonContext.Default.AliasMoveOutput);
        }
        else if (!r.Decision.Proceed)
        {
            console.Out.WriteLine($"{r.Model}#{r.Alias}: refused: {r.Decision.Reason}");
        }
        else if (!r.Created)
        {
            console.Out.WriteLine($"{r.Model}#{r.Alias}: nothing to do ({r.Decision.Reason})");
        }
        else
        {
            console.Out.WriteLine($"{r.Model}#{r.Alias}: {r.Previous?.ToString() ?? "-"} → {r.Version?.ToString() ?? "-"} (tag {r.Tag})");
        }

        return r.Decision.Proceed ? ExitCodes.Success : ExitCodes.No;
    }
}
