using Pipeline.Core.Diagnostics;

namespace Pipeline.GitHub.Actions;

/// <summary>
/// The one object a verb talks to about the runner: outputs, the step summary, annotations and masks. Outside
/// Actions (no GITHUB_ACTIONS=true) every call is a no-op, so verbs call it unconditionally.
/// Workflow commands go to <paramref name="commands"/> (the process's stdout in the CLI: the runner reads commands
/// only from stdout; with --json the CLI should pass stderr's twin so the JSON document stays the only stdout text —
/// the runner scans stderr lines for commands too).
/// </summary>
public sealed class ActionsRuntime(ActionsEnvironment environment, TextWriter commands)
{
    private readonly object gate = new();

    public ActionsEnvironment Environment { get; } = environment;

    public bool IsActions => Environment.IsActions;

    public static ActionsRuntime Detect(TextWriter commands) => new(ActionsEnvironment.Current, commands);

    /// <summary>Registers a secret with the runner's log masker. Call before anything could print it.</summary>
    public void Mask(string? secret)
    {
        if (!IsActions || string.IsNullOrEmpty(secret))
        {
            return;
        }

        // A multi-line secret is masked line by line, the way @actions/core's setSecret is used for keys.
        foreach (var line in secret.Split('\n'))
        {
            var trimmed = line.TrimEnd('\r');
            if (trimmed.Length > 0)
            {
                Emit(WorkflowCommand.Format("add-mask", trimmed));
            }
        }
    }

    public void SetOutput(string name, string value)
    {
        if (IsActions && Environment.OutputPath is { } path)
        {
            OutputFile.Append(path, name, value);
        }
    }

    public void AppendSummary(string markdown)
    {
        if (IsActions && Environment.SummaryPath is { } path)
        {
            StepSummary.Append(path, markdown);
        }
    }

    public void Annotate(Annotation annotation)
    {
        if (IsActions)
        {
            Emit(annotation.ToWorkflowCommand());
        }
    }

    public void Annotate(Diagnostic diagnostic) => Annotate(new Annotation(
        diagnostic.Severity,
        diagnostic.Hint is { Length: > 0 } hint ? $"{diagnostic.Message}\nfix: {hint}" : diagnostic.Message,
        diagnostic.File,
        diagnostic.Line,
        $"{diagnostic.Code.Id}: {diagnostic.Code.Title}"));

    private void Emit(string line)
    {
        lock (gate)
        {
            commands.WriteLine(line);
            commands.Flush();
        }
    }
}
