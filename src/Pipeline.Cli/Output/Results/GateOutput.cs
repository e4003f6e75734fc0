namespace Pipeline.Cli.Output.Results;

/// <summary><c>pipeline gate MODEL --version V --alias A --json</c>: the decision and the warnings met on the way. Writes nothing.</summary>
internal sealed record GateOutput(bool Ok, GateDecisionDocument Decision, IReadOnlyList<DiagnosticDocument> Warnings);
