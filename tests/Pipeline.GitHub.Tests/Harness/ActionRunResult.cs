namespace Pipeline.GitHub.Tests.Harness;

/// <summary>
/// What a run of the composite action left behind, as a workflow would see it. <see cref="Report"/> is the text of the
/// file the report-path output named (read before the simulated RUNNER_TEMP is deleted).
/// </summary>
public sealed record ActionRunResult(
    int ExitCode,
    IReadOnlyDictionary<string, string> Outputs,
    string Summary,
    string Stdout,
    string Stderr,
    IReadOnlyList<string> StepsRun,
    IReadOnlyList<string> StepsSkipped,
    string? Report)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}\n--- summary\n{Summary}";
}
