using System.Text.Json;
using Microsoft.Build.Framework;
using Pipeline.Cli.Output.Results;
using Pipeline.Tasks.Cli;

namespace Pipeline.Tasks;

/// <summary>
/// <c>pipeline gate MODEL --version V --alias A [--eval F…] [--gate-ref REF] --json</c>: decides, writes nothing.
/// Exit 1 (hold) is an answer, not a failure. Read as <see cref="GateOutput"/>: <c>decision.decision</c>,
/// <c>decision.promote</c> and <c>decision.rules</c>.
/// </summary>
public sealed class PipelineGate : PipelineCliTask
{
    [Required]
    public string Model { get; set; } = "";

    [Required]
    public string Version { get; set; } = "";

    [Required]
    public string Alias { get; set; } = "";

    public ITaskItem[]? Evals { get; set; }

    public string? GateRef { get; set; }

    public string? Repo { get; set; }

    /// <summary><c>promote</c> or <c>hold</c>, as the CLI says it.</summary>
    [Output]
    public string? Decision { get; private set; }

    [Output]
    public bool Promote { get; private set; }

    /// <summary>One item per rule, with the CLI's fields (value, threshold, verdict, …) as metadata.</summary>
    [Output]
    public ITaskItem[] Rules { get; private set; } = [];

    private protected override CliCommand BuildCommand() => new CliCommand().Add("gate").Positional("Model", Model)
        .Option("--repo", Repo).Option("--version", Version).Option("--alias", Alias)
        .Repeat("--eval", Evals?.Select(i => i.ItemSpec)).Option("--gate-ref", GateRef);

    private protected override bool AcceptsExitCode(int exitCode) => exitCode is 0 or 1;

    private protected override bool Map(JsonElement root, int exitCode)
    {
        if (Read(root, CliJsonContext.Default.GateOutput) is not { } result || Require(result.Decision?.Decision, "decision") is null)
        {
            return false;
        }

        Decision = result.Decision!.Decision;
        Promote = result.Decision.Promote;
        Rules = GateRules.Items(result.Decision);
        Log.LogMessage(MessageImportance.High, "Pipeline gate {0}@{1} → {2}: {3}", Model, Version, Alias, Decision);
        return true;
    }
}
