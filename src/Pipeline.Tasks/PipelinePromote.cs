using System.Text.Json;
using Microsoft.Build.Framework;
using Pipeline.Cli.Output.Results;
using Pipeline.Tasks.Cli;
using Pipeline.Tasks.Diagnostics;

namespace Pipeline.Tasks;

/// <summary>
/// <c>pipeline promote MODEL --version V --alias A …  --json</c>: the gate, then the alias tag. A hold (exit 1) is
/// reported as a message, or as error PIPE0913 with <see cref="FailOnHold"/>. Read as <see cref="PromoteOutput"/>:
/// the verdict from <c>decision</c>, the alias tag from <c>assignment.tag</c>.
/// </summary>
public sealed class PipelinePromote : PipelineCliTask
{
    [Required]
    public string Model { get; set; } = "";

    [Required]
    public string Version { get; set; } = "";

    [Required]
    public string Alias { get; set; } = "";

    public ITaskItem[]? Evals { get; set; }

    public string? GateRef { get; set; }

    public string? Reason { get; set; }

    public string? Repo { get; set; }

    public bool Push { get; set; }

    public string? PushRemote { get; set; }

    public bool FailOnHold { get; set; }

    [Output]
    public string? Decision { get; private set; }

    [Output]
    public bool Promoted { get; private set; }

    [Output]
    public string? Tag { get; private set; }

    [Output]
    public ITaskItem[] Rules { get; private set; } = [];

    private protected override CliCommand BuildCommand()
    {
        var command = new CliCommand().Add("promote").Positional("Model", Model)
            .Option("--repo", Repo).Option("--version", Version).Option("--alias", Alias)
            .Repeat("--eval", Evals?.Select(i => i.ItemSpec)).Option("--gate-ref", GateRef).Option("--reason", Reason);
        return string.IsNullOrEmpty(PushRemote) ? command.Flag("--push", Push) : command.Option("--push", PushRemote);
    }

    private protected override bool AcceptsExitCode(int exitCode) => exitCode is 0 or 1;

    private protected override bool Map(JsonElement root, int exitCode)
    {
        if (Read(root, CliJsonContext.Default.PromoteOutput) is not { } result)
        {
            return false;
        }

        if (result.Assignment is null)
        {
            Require(null, "assignment");
            return false;
        }

        // No decision: the alias already held the version, so no gate ran; the assignment says whether it holds it.
        Promoted = exitCode == 0 && (result.Decision?.Promote ?? true);
        Decision = result.Decision?.Decision ?? (Promoted ? "promote" : "hold");
        Rules = GateRules.Items(result.Decision);
        Tag = result.Assignment.Tag;
        if (Promoted)
        {
            Log.LogMessage(MessageImportance.High, "Pipeline: {0}@{1} promoted to {2}{3}", Model, Version, Alias,
                Tag is null ? "" : " (" + Tag + ")");
            return true;
        }

        var failed = string.Join(", ", Rules.Where(GateRules.Failed).Select(r => r.ItemSpec));
        var message = $"{Model}@{Version} was not promoted to {Alias}: {Decision}" + (failed.Length > 0 ? $" (failed: {failed})" : "");
        if (FailOnHold)
        {
            Error(TaskCodes.PromotionHeld, message);
            return false;
        }

        Log.LogMessage(MessageImportance.High, "Pipeline: {0}", message);
        return true;
    }
}
